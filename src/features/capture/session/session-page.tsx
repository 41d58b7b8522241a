/**
 * `/s/<clientToken>`: the capture bound to an integrator's session. Loads the session's capture
 * config (which marks it opened), takes its language, then runs the capture page in the session
 * flow; at the end sends the person to the returnUrl, or tells the embedding page (`?embed=1`).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { SessionCaptureConfig } from '@contract/api';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import { matchLocale } from '../../../lib/i18n/i18n';
import { Capture } from '../consent-gate';
import type { CaptureErrorKind } from '../machine/machine';
import { sessionCaptureQuery } from './api';
import type { CaptureBinding } from './binding';
import { isEmbedded, postToParent, type EmbedMessage } from './embed';
import { linkProblemOf, linkProblemOfStatus, type LinkProblem } from './link-problem';
import { CancelledScreen, LinkLoading, LinkProblemScreen } from './link-screens';
import { submittedReturnUrl } from './return-url';

const PROBLEM_CODE: Record<LinkProblem, string> = {
  not_found: 'session_not_found',
  expired: 'session_expired',
  cancelled: 'session_cancelled',
  used: 'session_used',
  unreachable: 'unreachable',
};

/** The session's language, if it is one we have, once per page. */
function useSessionLocale(locale: string | undefined) {
  const { setLocale } = useI18n();
  const applied = useRef(false);
  useEffect(() => {
    if (applied.current || !locale) return;
    applied.current = true;
    const match = matchLocale(locale);
    if (match) setLocale(match);
  }, [locale, setLocale]);
}

function BoundCapture({
  clientToken,
  config,
  embedded,
}: {
  clientToken: string;
  config: SessionCaptureConfig;
  embedded: boolean;
}) {
  const [cancelled, setCancelled] = useState(false);
  const post = useCallback(
    (type: EmbedMessage['type']) => embedded && postToParent({ type, sessionId: config.sessionId }, config.embedOrigins),
    [embedded, config],
  );
  useEffect(() => {
    post('selfie-screen:ready');
  }, [post]);

  const returnTo = !embedded && config.returnUrl ? submittedReturnUrl(config.returnUrl, config.sessionId) : null;
  const binding = useMemo<CaptureBinding>(
    () => ({
      clientToken,
      providers: config.providers,
      sessionUrl: `${window.location.origin}/s/${encodeURIComponent(clientToken)}`,
      returnTo,
      onSubmitted: () => {
        post('selfie-screen:submitted');
        if (returnTo) window.location.assign(returnTo);
      },
      onFailed: (kind: CaptureErrorKind) => {
        // The person can fix camera trouble here; the embedding page hears only of what they cannot.
        if (kind === 'upload_failed') post('selfie-screen:error');
      },
      onCancel: embedded
        ? () => {
            post('selfie-screen:cancelled');
            setCancelled(true);
          }
        : null,
    }),
    [clientToken, config.providers, returnTo, post, embedded],
  );
  if (cancelled) return <CancelledScreen />;
  return <Capture demoClips={false} binding={binding} />;
}

/** `clientToken`: from the address (the app matches /s/<clientToken> itself, without a router). */
export function SessionCapturePage({ clientToken }: { clientToken: string }) {
  const embedded = isEmbedded(window.location.search);
  const { data, error, isPending, refetch } = useQuery(sessionCaptureQuery(clientToken));
  useSessionLocale(data?.locale);

  const problem = error ? linkProblemOf(error) : data ? linkProblemOfStatus(data.status) : null;
  useEffect(() => {
    // Without the config there is no list of allowed parents to post to (and no session id to name).
    if (problem && embedded && data) {
      postToParent({ type: 'selfie-screen:error', sessionId: data.sessionId, code: PROBLEM_CODE[problem] }, data.embedOrigins);
    }
  }, [problem, embedded, data]);

  if (isPending) return <LinkLoading />;
  if (problem || !data) return <LinkProblemScreen problem={problem ?? 'unreachable'} onRetry={() => void refetch()} />;
  return <BoundCapture clientToken={clientToken} config={data} embedded={embedded} />;
}
