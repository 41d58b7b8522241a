import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiRequestError } from '../../lib/http';
import { useReviewI18n } from '../../lib/i18n/review-i18n';
import { ACCOUNT_PATH, SESSION_QUERY_KEY, safeNextPath } from '../../lib/session';
import { Button, Notice, Spinner, TextField } from '../../lib/ui';
import { login } from './api';
import { loginErrorText } from './login-errors';

/** Counts down the seconds a throttled login must wait (from the answer's Retry-After). */
function useWaitCountdown(error: unknown): number | undefined {
  const [remaining, setRemaining] = useState<number | undefined>();
  useEffect(() => {
    if (!isApiRequestError(error) || error.status !== 429 || error.retryAfterS === undefined) {
      setRemaining(undefined);
      return;
    }
    const until = Date.now() + error.retryAfterS * 1000;
    const tick = () => setRemaining(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [error]);
  return remaining;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next')) ?? '/review';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const errorId = useId();
  const i18n = useReviewI18n();
  const { t } = i18n;

  const mutation = useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      queryClient.setQueryData(SESSION_QUERY_KEY, session);
      // A temporary password or a required second factor: the account page first.
      void navigate(session.user.pending ? ACCOUNT_PATH : next, { replace: true });
    },
  });
  const remaining = useWaitCountdown(mutation.error);
  const waiting = remaining !== undefined && remaining > 0;
  const errorText = mutation.error ? loginErrorText(mutation.error, remaining, i18n) : undefined;
  // Once the server asked for a code, the field stays (a wrong code asks again).
  const [askCode, setAskCode] = useState(false);
  useEffect(() => {
    if (errorText?.kind === 'totp') setAskCode(true);
  }, [errorText?.kind]);

  useEffect(() => {
    document.title = t('login.docTitle');
  }, [t]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (waiting) return;
    mutation.mutate({ email: email.trim(), password, ...(askCode ? { totpCode: totpCode.trim() } : {}) });
  };

  return (
    <div className="mx-auto flex w-full max-w-sm flex-col gap-5 px-4 py-10">
      <h1 className="text-2xl font-bold tracking-tight">{t('login.title')}</h1>
      <p className="text-sm text-slate-600">{t('login.intro')}</p>
      <form className="flex flex-col gap-4" onSubmit={submit} noValidate aria-describedby={errorText ? errorId : undefined}>
        <TextField
          label={t('login.email')}
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onValue={setEmail}
        />
        <TextField
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onValue={setPassword}
        />
        {askCode ? (
          <TextField
            label={t('login.totp')}
            name="totpCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
            value={totpCode}
            onValue={setTotpCode}
          />
        ) : null}
        {errorText ? (
          <Notice
            tone={errorText.kind === 'other' ? 'error' : 'warning'}
            role="alert"
            id={errorId}
            data-testid="login-error"
            data-kind={errorText.kind}
          >
            {errorText.message}
          </Notice>
        ) : null}
        <Button type="submit" disabled={mutation.isPending || waiting || !email || !password || (askCode && !totpCode.trim())}>
          {mutation.isPending ? <Spinner className="size-4" /> : null}
          {t('login.submit')}
        </Button>
      </form>
    </div>
  );
}
