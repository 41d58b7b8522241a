/**
 * The admin's controls on one account row: role, enable/disable, required two-factor sign-in, and
 * a password reset whose temporary password is shown once. The server refuses changes to your own
 * role or enabled state (and to the last admin); the controls say so by being disabled.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role, UpdateUserRequest, UserView } from '@contract/api';
import { useReviewI18n } from '../../lib/i18n/review-i18n';
import { Button, Notice, SMALL_BUTTON } from '../../lib/ui';
import { useUserAdminText } from './account-text';
import { resetPassword, updateUser, usersQuery } from './api';

const CELL_SELECT =
  'min-h-10 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none';

function useUpdate(user: UserView) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: UpdateUserRequest) => updateUser(user.id, patch),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: usersQuery().queryKey }),
  });
}

export function RoleCell({ user, self }: { user: UserView; self: boolean }) {
  const { t } = useReviewI18n();
  const T = useUserAdminText();
  const update = useUpdate(user);
  return (
    <>
      <select
        className={CELL_SELECT}
        aria-label={T.roleOf(user.email)}
        value={user.role}
        disabled={self || update.isPending}
        onChange={(e) => update.mutate({ role: e.target.value as Role })}
      >
        <option value="reviewer">{t('role.reviewer')}</option>
        <option value="admin">{t('role.admin')}</option>
      </select>
      {update.error ? (
        <p role="alert" className="text-sm text-rose-800">
          {update.error.message}
        </p>
      ) : null}
    </>
  );
}

export function StatusCell({ user, self }: { user: UserView; self: boolean }) {
  const T = useUserAdminText();
  const update = useUpdate(user);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span data-testid="user-status" className={user.disabled ? 'font-medium text-rose-800' : 'text-slate-700'}>
        {user.disabled ? T.disabled : T.enabled}
      </span>
      {user.resetPending ? <span className="text-amber-900">({T.resetPending})</span> : null}
      <Button
        variant="secondary"
        className={SMALL_BUTTON}
        disabled={self || update.isPending}
        aria-label={`${user.disabled ? T.enable : T.disable} ${user.email}`}
        onClick={() => update.mutate({ disabled: !user.disabled })}
      >
        {user.disabled ? T.enable : T.disable}
      </Button>
      {update.error ? (
        <span role="alert" className="text-rose-800">
          {update.error.message}
        </span>
      ) : null}
    </div>
  );
}

export function TwoFactorCell({ user }: { user: UserView }) {
  const T = useUserAdminText();
  const update = useUpdate(user);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span data-testid="user-totp">{user.totpEnabled ? T.twoFactorOn : T.twoFactorOff}</span>
      <label className="flex items-center gap-1 text-sm">
        <input
          type="checkbox"
          className="size-5"
          checked={user.totpRequired}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ totpRequired: e.target.checked })}
        />
        {T.requireTotp}
      </label>
    </div>
  );
}

export function ResetPasswordCell({ user }: { user: UserView }) {
  const T = useUserAdminText();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [resetTotp, setResetTotp] = useState(false);
  const mutation = useMutation({
    mutationFn: () => resetPassword(user.id, { resetTotp }),
    onSuccess: () => {
      setAsking(false);
      void queryClient.invalidateQueries({ queryKey: usersQuery().queryKey });
    },
  });
  if (mutation.data) {
    return (
      <Notice tone="success" role="status" data-testid="temporary-password">
        {T.temporaryPassword(user.email)}{' '}
        <code className="rounded bg-white px-1 font-mono break-all select-all">{mutation.data.temporaryPassword}</code>
      </Notice>
    );
  }
  if (!asking) {
    return (
      <Button
        variant="secondary"
        className={SMALL_BUTTON}
        aria-label={`${T.resetPassword}: ${user.email}`}
        onClick={() => setAsking(true)}
      >
        {T.resetPassword}
      </Button>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-5" checked={resetTotp} onChange={(e) => setResetTotp(e.target.checked)} />
        {T.resetTotpToo}
      </label>
      <div className="flex gap-2">
        <Button variant="danger" className={SMALL_BUTTON} disabled={mutation.isPending} onClick={() => mutation.mutate()}>
          {T.resetConfirm}
        </Button>
        <Button variant="secondary" className={SMALL_BUTTON} onClick={() => setAsking(false)}>
          {T.cancel}
        </Button>
      </div>
      {mutation.error ? (
        <span role="alert" className="text-sm text-rose-800">
          {mutation.error.message}
        </span>
      ) : null}
    </div>
  );
}
