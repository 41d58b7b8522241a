/** An application's webhook endpoints: add (secret shown once), enable/disable, delete, and each one's delivery log. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApplicationView, WebhookEndpointView, WebhookEventType } from '@contract/api';
import { WEBHOOK_EVENT_TYPES } from '@contract/api/enums';
import { Button, INPUT_CLASS, Notice, SMALL_BUTTON, Spinner } from '../../lib/ui';
import { DeliveryTable } from '../../lib/webhook-deliveries';
import { APPLICATIONS_KEY, createWebhook, deleteWebhook, deliveriesQuery, redeliver, updateWebhook } from './api';
import { SecretOnce } from './secret-once';
import { useReviewI18n } from '../../lib/i18n/review-i18n';

function DeliveryLog({ appId, endpoint }: { appId: string; endpoint: WebhookEndpointView }) {
  const queryClient = useQueryClient();
  const query = deliveriesQuery(appId, endpoint.id);
  const { t } = useReviewI18n();
  const { data, error, isPending } = useQuery(query);
  const again = useMutation({
    mutationFn: redeliver,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: query.queryKey }),
  });
  if (isPending) return <p className="text-sm text-slate-600">{t('hooks.loadingDeliveries')}</p>;
  if (error) return <Notice tone="error">{error.message}</Notice>;
  return (
    <div className="flex flex-col gap-1">
      {data.deliveries.length === 0 ? <p className="text-sm text-slate-600">{t('hooks.noDeliveries')}</p> : null}
      {data.deliveries.length > 0 ? (
        <DeliveryTable
          deliveries={data.deliveries}
          caption={t('hooks.deliveriesTo', { url: endpoint.url })}
          onRedeliver={(id) => again.mutate(id)}
          redelivering={again.isPending ? (again.variables ?? null) : null}
        />
      ) : null}
      {again.error ? (
        <Notice tone="error" role="alert">
          {again.error.message}
        </Notice>
      ) : null}
    </div>
  );
}

function EndpointRow({ app, endpoint }: { app: ApplicationView; endpoint: WebhookEndpointView }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const { t } = useReviewI18n();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
  const toggle = useMutation({
    mutationFn: () => updateWebhook(app.id, endpoint.id, { enabled: !endpoint.enabled }),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: () => deleteWebhook(app.id, endpoint.id), onSuccess: refresh });
  const error = toggle.error ?? remove.error;
  return (
    <li data-testid="webhook-row" className="flex flex-col gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-mono break-all">{endpoint.url}</span>
        <span className="text-slate-600">{endpoint.events?.join(', ') ?? t('hooks.allEvents')}</span>
        <span className={endpoint.enabled ? 'text-emerald-800' : 'text-slate-500'}>
          {endpoint.enabled ? t('hooks.enabled') : t('hooks.disabled')}
        </span>
        <span className="ml-auto flex gap-1">
          <Button variant="secondary" className={SMALL_BUTTON} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? t('hooks.hideDeliveries') : t('hooks.deliveries')}
          </Button>
          <Button variant="secondary" className={SMALL_BUTTON} disabled={toggle.isPending} onClick={() => toggle.mutate()}>
            {endpoint.enabled ? t('apps.disable') : t('apps.enable')}
          </Button>
          <Button
            variant="danger"
            className={SMALL_BUTTON}
            disabled={remove.isPending}
            aria-label={t('hooks.deleteLabel', { url: endpoint.url })}
            onClick={() => {
              if (window.confirm(t('hooks.deleteConfirm', { url: endpoint.url }))) remove.mutate();
            }}
          >
            {t('hooks.delete')}
          </Button>
        </span>
      </div>
      {error ? (
        <Notice tone="error" role="alert">
          {error.message}
        </Notice>
      ) : null}
      {open ? <DeliveryLog appId={app.id} endpoint={endpoint} /> : null}
    </li>
  );
}

function AddWebhookForm({ app, onCreated }: { app: ApplicationView; onCreated: (secret: string) => void }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState('');
  const { t } = useReviewI18n();
  const [events, setEvents] = useState<WebhookEventType[]>([...WEBHOOK_EVENT_TYPES]);
  const add = useMutation({
    mutationFn: () =>
      createWebhook(app.id, { url: url.trim(), ...(events.length < WEBHOOK_EVENT_TYPES.length ? { events } : {}) }),
    onSuccess: (created) => {
      setUrl('');
      onCreated(created.secret);
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={t('hooks.addLabel', { name: app.name })} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          {t('hooks.url')}
          <input
            className={`${INPUT_CLASS} w-96 max-w-full`}
            type="url"
            required
            placeholder="https://…"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <Button type="submit" className={SMALL_BUTTON} disabled={add.isPending || !url.trim() || events.length === 0}>
          {add.isPending ? <Spinner className="size-4" /> : null}
          {t('hooks.add')}
        </Button>
      </div>
      <fieldset className="flex flex-wrap gap-3 text-sm">
        <legend className="mb-1 text-xs font-medium text-slate-700">{t('hooks.events')}</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="flex items-center gap-1.5 font-mono">
            <input
              type="checkbox"
              className="size-4"
              checked={events.includes(type)}
              onChange={(e) =>
                setEvents((list) => WEBHOOK_EVENT_TYPES.filter((x) => (x === type ? e.target.checked : list.includes(x))))
              }
            />
            {type}
          </label>
        ))}
      </fieldset>
      {add.error ? (
        <Notice tone="error" role="alert">
          {add.error.message}
        </Notice>
      ) : null}
    </form>
  );
}

export function WebhooksPanel({ app }: { app: ApplicationView }) {
  const [secret, setSecret] = useState<string | null>(null);
  const { t } = useReviewI18n();
  return (
    <section aria-label={t('hooks.label', { name: app.name })} className="flex flex-col gap-2">
      <h3 className="font-semibold">{t('hooks.title')}</h3>
      {secret ? <SecretOnce label={t('hooks.secret')} value={secret} onDismiss={() => setSecret(null)} /> : null}
      {app.webhooks.length === 0 ? <p className="text-sm text-slate-600">{t('hooks.none')}</p> : null}
      <ul className="flex flex-col gap-1">
        {app.webhooks.map((w) => (
          <EndpointRow key={w.id} app={app} endpoint={w} />
        ))}
      </ul>
      <AddWebhookForm app={app} onCreated={setSecret} />
    </section>
  );
}
