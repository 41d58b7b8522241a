/** An application's API keys: create (shown once), rotate with an overlap window, revoke. */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKeyView, ApplicationView } from '@contract/api';
import { formatDateTime } from '../../lib/format';
import { Button, INPUT_CLASS, Notice, SMALL_BUTTON } from '../../lib/ui';
import { APPLICATIONS_KEY, createKey, revokeKey } from './api';
import { SecretOnce } from './secret-once';

function keyState(key: ApiKeyView, now: number): string {
  if (key.revokedAt) return `revoked ${formatDateTime(key.revokedAt)}`;
  if (key.expiresAt) return Date.parse(key.expiresAt) > now ? `retires ${formatDateTime(key.expiresAt)}` : 'retired';
  return 'active';
}

export function KeysPanel({ app }: { app: ApplicationView }) {
  const queryClient = useQueryClient();
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
    <section aria-label={`API keys of ${app.name}`} className="flex flex-col gap-2">
      <h3 className="font-semibold">API keys</h3>
      {shown ? <SecretOnce label="New API key" value={shown} onDismiss={() => setShown(null)} /> : null}
      {app.keys.length === 0 ? <p className="text-sm text-slate-600">No keys yet.</p> : null}
      <ul className="flex flex-col gap-1 text-sm">
        {app.keys.map((k) => (
          <li key={k.id} data-testid="key-row" className="flex flex-wrap items-center gap-2 rounded-lg bg-slate-50 px-3 py-1.5">
            <span className="font-mono">{k.prefix}…</span>
            <span className="text-slate-600">
              created {formatDateTime(k.createdAt)}, last used {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : 'never'},{' '}
              {keyState(k, now)}
            </span>
            {live.includes(k) ? (
              <span className="ml-auto flex gap-1">
                <Button
                  variant="secondary"
                  className={SMALL_BUTTON}
                  disabled={create.isPending}
                  aria-label={`Rotate key ${k.prefix}`}
                  onClick={() => create.mutate(k.id)}
                >
                  Rotate
                </Button>
                <Button
                  variant="danger"
                  className={SMALL_BUTTON}
                  disabled={revoke.isPending}
                  aria-label={`Revoke key ${k.prefix}`}
                  onClick={() => {
                    if (window.confirm(`Revoke ${k.prefix}…? Calls with it stop working at once.`)) revoke.mutate(k.id);
                  }}
                >
                  Revoke
                </Button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <Button className={SMALL_BUTTON} disabled={create.isPending} onClick={() => create.mutate(undefined)}>
          Create key
        </Button>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
          Rotation overlap (minutes the old key keeps working)
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
