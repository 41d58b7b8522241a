/** An application's API keys: create (shown once), rotate with an overlap window, revoke. */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKeyView, ApplicationView } from '@contract/api';
import { Button, INPUT_CLASS, Notice, SMALL_BUTTON } from '../../lib/ui';
import { APPLICATIONS_KEY, createKey, revokeKey } from './api';
import { SecretOnce } from './secret-once';
import { useReviewI18n, type ReviewI18n } from '../../lib/i18n/review-i18n';

function keyState(key: ApiKeyView, now: number, { t, dateTime }: ReviewI18n): string {
  if (key.revokedAt) return t('keys.revoked', { at: dateTime(key.revokedAt) });
  if (key.expiresAt)
    return Date.parse(key.expiresAt) > now ? t('keys.retires', { at: dateTime(key.expiresAt) }) : t('keys.retired');
  return t('keys.active');
}

export function KeysPanel({ app }: { app: ApplicationView }) {
  const queryClient = useQueryClient();
  const i18n = useReviewI18n();
  const { t } = i18n;
  const [overlapMinutes, setOverlapMinutes] = useState(1440);
  const [shown, setShown] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
  const create = useMutation({
    mutationFn: (rotateFrom?: string) => createKey(app.id, rotateFrom ? { rotateFrom, overlapMinutes } : undefined),
    onSuccess: (created) => {
      setShown(created.key);
      refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (keyId: string) => revokeKey(app.id, keyId), onSuccess: refresh });
  const now = Date.now();
  const live = app.keys.filter((k) => !k.revokedAt && (!k.expiresAt || Date.parse(k.expiresAt) > now));

  return (
    <section aria-label={t('keys.label', { name: app.name })} className="flex flex-col gap-2">
      <h3 className="font-semibold">{t('keys.title')}</h3>
      {shown ? <SecretOnce label={t('keys.newKey')} value={shown} onDismiss={() => setShown(null)} /> : null}
      {app.keys.length === 0 ? <p className="text-sm text-slate-600">{t('keys.none')}</p> : null}
      <ul className="flex flex-col gap-1 text-sm">
        {app.keys.map((k) => (
          <li key={k.id} data-testid="key-row" className="flex flex-wrap items-center gap-2 rounded-lg bg-slate-50 px-3 py-1.5">
            <span className="font-mono">{k.prefix}…</span>
            <span className="text-slate-600">
              {t('keys.line', {
                created: i18n.dateTime(k.createdAt),
                used: k.lastUsedAt ? i18n.dateTime(k.lastUsedAt) : t('keys.never'),
              })}{' '}
              {keyState(k, now, i18n)}
            </span>
            {live.includes(k) ? (
              <span className="ml-auto flex gap-1">
                <Button
                  variant="secondary"
                  className={SMALL_BUTTON}
                  disabled={create.isPending}
                  aria-label={t('keys.rotateLabel', { prefix: k.prefix })}
                  onClick={() => create.mutate(k.id)}
                >
                  {t('keys.rotate')}
                </Button>
                <Button
                  variant="danger"
                  className={SMALL_BUTTON}
                  disabled={revoke.isPending}
                  aria-label={t('keys.revokeLabel', { prefix: k.prefix })}
                  onClick={() => {
                    if (window.confirm(t('keys.revokeConfirm', { prefix: k.prefix }))) revoke.mutate(k.id);
                  }}
                >
                  {t('keys.revoke')}
                </Button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <Button className={SMALL_BUTTON} disabled={create.isPending} onClick={() => create.mutate(undefined)}>
          {t('keys.create')}
        </Button>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          {t('keys.overlap')}
          <input
            type="number"
            min={0}
            max={43200}
            className={`${INPUT_CLASS} w-32`}
            value={overlapMinutes}
            onChange={(e) => setOverlapMinutes(Math.max(0, Math.min(43200, Number(e.target.value) || 0)))}
          />
        </label>
      </div>
      {create.error || revoke.error ? (
        <Notice tone="error" role="alert">
          {(create.error ?? revoke.error)?.message}
        </Notice>
      ) : null}
    </section>
  );
}
