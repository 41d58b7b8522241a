/** Admin only: integrating applications (list, create, edit, disable) with their API keys and webhooks. */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationView, CreateApplicationRequest } from '@contract/api';
import { formatDateTime } from '../../lib/format';
import { isAdmin, useSessionUser } from '../../lib/session';
import { Button, Notice, PageHeader, SMALL_BUTTON, Spinner } from '../../lib/ui';
import { APPLICATIONS_KEY, applicationsQuery, createApplication, updateApplication } from './api';
import { ApplicationForm } from './application-form';
import { EMPTY_FORM, formFromApplication } from './form-values';
import { KeysPanel } from './keys-panel';
import { WebhooksPanel } from './webhooks-panel';

function ApplicationCard({ app }: { app: ApplicationView }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
  const save = useMutation({
    mutationFn: (request: CreateApplicationRequest) => updateApplication(app.id, request),
    onSuccess: () => {
      setEditing(false);
      refresh();
    },
  });
  const disable = useMutation({ mutationFn: () => updateApplication(app.id, { disabled: !app.disabled }), onSuccess: refresh });
  return (
    <article
      data-testid="application"
      data-application-id={app.id}
      aria-labelledby={`app-${app.id}`}
      className="flex flex-col gap-4 rounded-2xl bg-white p-4 ring-1 ring-slate-200"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`app-${app.id}`} className="mr-auto text-lg font-semibold">
          {app.name} {app.disabled ? <span className="text-sm font-normal text-rose-800">(disabled)</span> : null}
        </h2>
        <Button variant="secondary" className={SMALL_BUTTON} aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          {editing ? 'Close editor' : 'Edit'}
        </Button>
        <Button
          variant={app.disabled ? 'secondary' : 'danger'}
          className={SMALL_BUTTON}
          disabled={disable.isPending}
          onClick={() => disable.mutate()}
        >
          {app.disabled ? 'Enable' : 'Disable'}
        </Button>
      </div>
      {disable.error ? (
        <Notice tone="error" role="alert">
          {disable.error.message}
        </Notice>
      ) : null}
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">Id</dt>
        <dd className="font-mono">{app.id}</dd>
        <dt className="font-medium text-slate-600">Allowed providers</dt>
        <dd>{app.allowedProviders.join(', ')}</dd>
        <dt className="font-medium text-slate-600">Default providers</dt>
        <dd>{app.defaultProviders.join(', ')}</dd>
        <dt className="font-medium text-slate-600">Return-URL origins</dt>
        <dd className="font-mono">{app.returnUrlOrigins.join(' ') || '—'}</dd>
        <dt className="font-medium text-slate-600">Embedding origins</dt>
        <dd className="font-mono">{app.embedOrigins.join(' ') || '—'}</dd>
        <dt className="font-medium text-slate-600">Created</dt>
        <dd>{formatDateTime(app.createdAt)}</dd>
      </dl>
      {editing ? (
        <ApplicationForm
          title={`Edit ${app.name}`}
          initial={formFromApplication(app)}
          submitText="Save"
          pending={save.isPending}
          error={save.error}
          onSubmit={(request) => save.mutate(request)}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <KeysPanel app={app} />
      <WebhooksPanel app={app} />
    </article>
  );
}

function CreateApplication() {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const create = useMutation({
    mutationFn: createApplication,
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
    },
  });
  if (!open) {
    return (
      <Button className={`self-start ${SMALL_BUTTON}`} onClick={() => setOpen(true)}>
        New application
      </Button>
    );
  }
  return (
    <ApplicationForm
      title="New application"
      initial={EMPTY_FORM}
      submitText="Create application"
      pending={create.isPending}
      error={create.error}
      onSubmit={(request) => create.mutate(request)}
      onCancel={() => setOpen(false)}
    />
  );
}

export function ApplicationsPage() {
  const admin = isAdmin(useSessionUser());
  const { data, error, isPending } = useQuery({ ...applicationsQuery(), enabled: admin });

  useEffect(() => {
    document.title = 'Applications · Review';
  }, []);

  if (!admin) {
    return (
      <Notice tone="warning" heading="Admins only" role="alert">
        Only an admin can manage applications.
      </Notice>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Applications" />
      <p className="text-sm text-slate-600">
        Systems that create capture sessions through <code>/api/v1</code> with an API key, and receive signed webhooks.
      </p>
      <CreateApplication />
      {isPending ? (
        <p role="status" className="flex items-center gap-2 text-slate-600">
          <Spinner className="size-4" /> Loading applications…
        </p>
      ) : null}
      {error ? (
        <Notice tone="error" role="alert" heading="Couldn't load the applications">
          {error.message}
        </Notice>
      ) : null}
      {data && data.applications.length === 0 ? <Notice role="status">No applications yet.</Notice> : null}
      {data?.applications.map((app) => (
        <ApplicationCard key={app.id} app={app} />
      ))}
    </div>
  );
}
