import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role, UserView } from '@contract/api';
import { useReviewI18n } from '../../lib/i18n/review-i18n';
import { isAdmin, useSessionUser } from '../../lib/session';
import { Button, Notice, PageHeader, SelectField, SMALL_BUTTON, Spinner, TextField } from '../../lib/ui';
import { createUser, unlockUser, usersQuery } from './api';
import { useUserAdminText } from './account-text';
import { signInDelayText } from './sign-in-delay';
import { ResetPasswordCell, RoleCell, StatusCell, TwoFactorCell } from './user-actions';

function CreateUserForm() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const { t } = useReviewI18n();
  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: () => {
      setEmail('');
      setPassword('');
      void queryClient.invalidateQueries({ queryKey: usersQuery().queryKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate({ email: email.trim(), password, role });
  };
  return (
    <form
      onSubmit={submit}
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200"
      aria-labelledby="new-user-title"
    >
      <h2 id="new-user-title" className="text-lg font-semibold">
        {t('users.addHeading')}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <TextField label={t('users.email')} type="email" required value={email} onValue={setEmail} autoComplete="off" />
        <TextField
          label={t('users.initialPassword')}
          type="password"
          required
          value={password}
          onValue={setPassword}
          autoComplete="new-password"
        />
        <SelectField label={t('users.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="reviewer">{t('users.roleReviewer')}</option>
          <option value="admin">{t('users.roleAdmin')}</option>
        </SelectField>
        <Button type="submit" className={SMALL_BUTTON} disabled={mutation.isPending || !email || !password}>
          {mutation.isPending ? <Spinner className="size-4" /> : null}
          {t('users.create')}
        </Button>
      </div>
      {mutation.error ? (
        <Notice tone="error" role="alert">
          {mutation.error.message}
        </Notice>
      ) : null}
      {mutation.isSuccess ? (
        <Notice tone="success" role="status">
          {t('users.created', { email: mutation.data.email, role: t(`role.${mutation.data.role}`) })}
        </Notice>
      ) : null}
    </form>
  );
}

/** A throttled account's state and the admin's unlock (clears its login-throttle counters). */
function SignInCell({ user }: { user: UserView }) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => unlockUser(user.id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersQuery().queryKey }),
  });
  const i18n = useReviewI18n();
  const { t } = i18n;
  if (!user.signInDelay) {
    return mutation.isSuccess ? (
      <span role="status" className="text-emerald-800">
        {t('users.unlocked')}
      </span>
    ) : (
      <span className="text-slate-600">{t('users.normal')}</span>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <span data-testid="sign-in-delay" className="text-amber-900">
        {signInDelayText(user.signInDelay, (iso) => i18n.dateTime(iso), i18n)}
      </span>
      <Button
        variant="secondary"
        className={SMALL_BUTTON}
        disabled={mutation.isPending}
        aria-label={t('users.unlockFor', { email: user.email })}
        onClick={() => mutation.mutate()}
      >
        {mutation.isPending ? <Spinner className="size-4" /> : null}
        {t('users.unlock')}
      </Button>
      {mutation.error ? (
        <span role="alert" className="text-rose-800">
          {mutation.error.message}
        </span>
      ) : null}
    </div>
  );
}

/** Admin only: who can sign in to review, adding reviewers/admins, and unlocking throttled sign-in. */
export function UsersPage() {
  const user = useSessionUser();
  const admin = isAdmin(user);
  const { data, error, isPending } = useQuery({ ...usersQuery(), enabled: admin });
  const { t, dateTime } = useReviewI18n();
  const T = useUserAdminText();

  useEffect(() => {
    document.title = t('users.docTitle');
  }, [t]);

  if (!admin) {
    return (
      <Notice tone="warning" heading={t('users.adminsOnly')} role="alert">
        {t('users.adminsOnlyBody')}
      </Notice>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('users.title')} />
      {isPending ? (
        <p role="status" className="flex items-center gap-2 text-slate-600">
          <Spinner className="size-4" /> {t('users.loading')}
        </p>
      ) : null}
      {error ? (
        <Notice tone="error" role="alert" heading={t('users.loadFailed')}>
          {error.message}
        </Notice>
      ) : null}
      {data ? (
        <div className="overflow-x-auto">
          <table className="w-full overflow-hidden rounded-2xl bg-white text-left text-sm ring-1 ring-slate-200">
            <caption className="sr-only">{t('users.caption')}</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t('users.email')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('users.role')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('users.createdColumn')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {T.status}
                </th>
                <th scope="col" className="px-3 py-2">
                  {T.twoFactor}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('users.signInColumn')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {T.actions}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.users.map((u) => (
                <tr key={u.id} data-testid="user-row">
                  <td className="px-3 py-2">{u.email}</td>
                  <td className="px-3 py-2">
                    <RoleCell user={u} self={u.id === user?.id} />
                  </td>
                  <td className="px-3 py-2">{dateTime(u.createdAt)}</td>
                  <td className="px-3 py-2">
                    <StatusCell user={u} self={u.id === user?.id} />
                  </td>
                  <td className="px-3 py-2">
                    <TwoFactorCell user={u} />
                  </td>
                  <td className="px-3 py-2">
                    <SignInCell user={u} />
                  </td>
                  <td className="px-3 py-2">
                    <ResetPasswordCell user={u} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <CreateUserForm />
    </div>
  );
}
