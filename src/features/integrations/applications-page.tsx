/** Admin only: integrating applications (list, create, edit, disable) with their API keys and webhooks. */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationView, CreateApplicationRequest } from '@contract/api';
import { isAdmin, useSessionUser } from '../../lib/session';
import { Button, Notice, PageHeader, SMALL_BUTTON, Spinner } from '../../lib/ui';
import { APPLICATIONS_KEY, applicationsQuery, createApplication, updateApplication } from './api';
import { ApplicationForm } from './application-form';
import { EMPTY_FORM, formFromApplication } from './form-values';
import { KeysPanel } from './keys-panel';
import { WebhooksPanel } from './webhooks-panel';
import { useReviewI18n } from '../../lib/i18n/review-i18n';

function ApplicationCard({ app }: { app: ApplicationView }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const { t, dateTime } = useReviewI18n();
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
          {app.name} {app.disabled ? <span className="text-sm font-normal text-rose-800">{t('apps.disabledMark')}</span> : null}
        </h2>
        <Button variant="secondary" className={SMALL_BUTTON} aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          {editing ? t('apps.closeEditor') : t('apps.edit')}
        </Button>
        <Button
          variant={app.disabled ? 'secondary' : 'danger'}
          className={SMALL_BUTTON}
          disabled={disable.isPending}
          onClick={() => disable.mutate()}
        >
          {app.disabled ? t('apps.enable') : t('apps.disable')}
        </Button>
      </div>
      {disable.error ? (
        <Notice tone="error" role="alert">
          {disable.error.message}
        </Notice>
      ) : null}
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">{t('apps.id')}</dt>
        <dd className="font-mono">{app.id}</dd>
        <dt className="font-medium text-slate-600">{t('apps.allowed')}</dt>
        <dd>{app.allowedProviders.join(', ')}</dd>
        <dt className="font-medium text-slate-600">{t('apps.defaults')}</dt>
        <dd>{app.defaultProviders.join(', ')}</dd>
        <dt className="font-medium text-slate-600">{t('apps.returnOrigins')}</dt>
        <dd className="font-mono">{app.returnUrlOrigins.join(' ') || '—'}</dd>
        <dt className="font-medium text-slate-600">{t('apps.embedOrigins')}</dt>
        <dd className="font-mono">{app.embedOrigins.join(' ') || '—'}</dd>
        <dt className="font-medium text-slate-600">{t('apps.created')}</dt>
        <dd>{dateTime(app.createdAt)}</dd>
      </dl>
      {editing ? (
        <ApplicationForm
          title={t('apps.editTitle', { name: app.name })}
          initial={formFromApplication(app)}
          submitText={t('common.save')}
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
  const { t } = useReviewI18n();
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
        {t('apps.new')}
      </Button>
    );
  }
  return (
    <ApplicationForm
      title={t('apps.new')}
      initial={EMPTY_FORM}
      submitText={t('apps.createButton')}
      pending={create.isPending}
      error={create.error}
      onSubmit={(request) => create.mutate(request)}
      onCancel={() => setOpen(false)}
    />
  );
}

export function ApplicationsPage() {
  const admin = isAdmin(useSessionUser());
  const { t } = useReviewI18n();
  const { data, error, isPending } = useQuery({ ...applicationsQuery(), enabled: admin });

  useEffect(() => {
    document.title = t('apps.docTitle');
  }, [t]);

  if (!admin) {
    return (
      <Notice tone="warning" heading={t('users.adminsOnly')} role="alert">
        {t('apps.adminsOnlyBody')}
      </Notice>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('apps.title')} />
      <p className="text-sm text-slate-600">{t('apps.intro')}</p>
      <CreateApplication />
      {isPending ? (
        <p role="status" className="flex items-center gap-2 text-slate-600">
          <Spinner className="size-4" /> {t('apps.loading')}
        </p>
      ) : null}
      {error ? (
        <Notice tone="error" role="alert" heading={t('apps.loadFailed')}>
          {error.message}
        </Notice>
      ) : null}
      {data && data.applications.length === 0 ? <Notice role="status">{t('apps.none')}</Notice> : null}
      {data?.applications.map((app) => (
        <ApplicationCard key={app.id} app={app} />
      ))}
    </div>
  );
}
