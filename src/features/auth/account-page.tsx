/**
 * Your own account: change your password, two-factor sign-in (set up with an authenticator app,
 * turn off with your password), and sign out your other sessions. A session with a pending step
 * (a temporary password, a required second factor) is sent here until it is done.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TotpSetupResponse } from '@contract/api';
import { SESSION_QUERY_KEY, useSessionUser } from '../../lib/session';
import { Button, Notice, PageHeader, SMALL_BUTTON, Spinner, TextField } from '../../lib/ui';
import { useAccountText } from './account-text';
import { changePassword, confirmTotp, disableTotp, signOutOthers, startTotpSetup } from './api';

const SECTION = 'flex flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200';

function useRefreshSession() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
}

function ChangePasswordForm() {
  const T = useAccountText();
  const refresh = useRefreshSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      void refresh();
    },
  });
  const differ = repeat !== '' && next !== repeat;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!differ) mutation.mutate({ currentPassword: current, newPassword: next });
  };
  return (
    <form onSubmit={submit} className={SECTION} aria-labelledby="password-title">
      <h2 id="password-title" className="text-lg font-semibold">
        {T.passwordHeading}
      </h2>
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label={T.currentPassword}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onValue={setCurrent}
        />
        <TextField label={T.newPassword} type="password" autoComplete="new-password" required value={next} onValue={setNext} />
        <TextField
          label={T.repeatPassword}
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onValue={setRepeat}
        />
        <Button type="submit" className={SMALL_BUTTON} disabled={mutation.isPending || !current || !next || next !== repeat}>
          {mutation.isPending ? <Spinner className="size-4" /> : null}
          {T.changePassword}
        </Button>
      </div>
      {differ ? <p className="text-sm text-amber-900">{T.passwordsDiffer}</p> : null}
      {mutation.error ? (
        <Notice tone="error" role="alert">
          {mutation.error.message}
        </Notice>
      ) : null}
      {mutation.isSuccess ? (
        <Notice tone="success" role="status">
          {T.passwordChanged}
        </Notice>
      ) : null}
    </form>
  );
}

function QrCode({ text }: { text: string }) {
  const T = useAccountText();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    void import('qrcode').then(({ toCanvas }) => {
      if (!cancelled && canvasRef.current) void toCanvas(canvasRef.current, text, { width: 200, margin: 2 });
    });
    return () => {
      cancelled = true;
    };
  }, [text]);
  return <canvas ref={canvasRef} role="img" aria-label={T.totpQrLabel} className="size-50 rounded-lg bg-white" />;
}

function TotpSetup({ setup, onDone }: { setup: TotpSetupResponse; onDone: () => void }) {
  const T = useAccountText();
  const [code, setCode] = useState('');
  const mutation = useMutation({ mutationFn: confirmTotp, onSuccess: onDone });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(code.trim());
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <p className="text-sm text-slate-700">{T.totpScan}</p>
      <QrCode text={setup.otpauthUri} />
      <p className="text-sm">
        {T.totpKey}:{' '}
        <code data-testid="totp-secret" className="rounded bg-slate-100 px-1 font-mono break-all">
          {setup.secret}
        </code>
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label={T.totpCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          value={code}
          onValue={setCode}
        />
        <Button type="submit" className={SMALL_BUTTON} disabled={mutation.isPending || !code.trim()}>
          {T.totpConfirm}
        </Button>
      </div>
      {mutation.error ? (
        <Notice tone="error" role="alert">
          {mutation.error.message}
        </Notice>
      ) : null}
    </form>
  );
}

function TwoFactorPanel({ enabled }: { enabled: boolean }) {
  const T = useAccountText();
  const refresh = useRefreshSession();
  const [password, setPassword] = useState('');
  const start = useMutation({ mutationFn: startTotpSetup });
  const disable = useMutation({
    mutationFn: disableTotp,
    onSuccess: () => {
      setPassword('');
      start.reset();
      void refresh();
    },
  });
  return (
    <section className={SECTION} aria-labelledby="totp-title" data-testid="totp-panel" data-enabled={enabled}>
      <h2 id="totp-title" className="text-lg font-semibold">
        {T.totpHeading}
      </h2>
      <p className="text-sm text-slate-700">{enabled ? T.totpOn : T.totpOff}</p>
      {!enabled && !start.data ? (
        <Button className={`${SMALL_BUTTON} self-start`} disabled={start.isPending} onClick={() => start.mutate()}>
          {T.totpStart}
        </Button>
      ) : null}
      {!enabled && start.data ? <TotpSetup setup={start.data} onDone={() => void refresh()} /> : null}
      {enabled ? (
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            disable.mutate(password);
          }}
        >
          <TextField
            label={T.totpDisablePassword}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onValue={setPassword}
          />
          <Button type="submit" variant="secondary" className={SMALL_BUTTON} disabled={disable.isPending || !password}>
            {T.totpDisable}
          </Button>
        </form>
      ) : null}
      {start.error || disable.error ? (
        <Notice tone="error" role="alert">
          {(start.error ?? disable.error)?.message}
        </Notice>
      ) : null}
    </section>
  );
}

function OtherSessions() {
  const T = useAccountText();
  const mutation = useMutation({ mutationFn: signOutOthers });
  return (
    <section className={SECTION} aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="text-lg font-semibold">
        {T.sessionsHeading}
      </h2>
      <p className="text-sm text-slate-700">{T.sessionsHelp}</p>
      <Button
        variant="secondary"
        className={`${SMALL_BUTTON} self-start`}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate()}
      >
        {T.signOutOthers}
      </Button>
      {mutation.data ? (
        <Notice tone="success" role="status">
          {T.signedOutOthers(mutation.data.closed)}
        </Notice>
      ) : null}
      {mutation.error ? (
        <Notice tone="error" role="alert">
          {mutation.error.message}
        </Notice>
      ) : null}
    </section>
  );
}

export function AccountPage() {
  const T = useAccountText();
  const user = useSessionUser();
  useEffect(() => {
    document.title = `${T.title} · ${T.docSuffix}`;
  }, [T.title, T.docSuffix]);
  if (!user) return null;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={T.title} />
      {user.pending ? (
        <Notice tone="warning" role="alert" data-testid="account-pending" data-pending={user.pending}>
          {user.pending === 'password_change' ? T.pendingPassword : T.pendingTotp}
        </Notice>
      ) : null}
      <ChangePasswordForm />
      {user.pending !== 'password_change' ? <TwoFactorPanel enabled={user.totpEnabled === true} /> : null}
      {!user.pending ? <OtherSessions /> : null}
    </div>
  );
}
