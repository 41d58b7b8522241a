/** The uploading and processing states' effects: send the capture, then poll its status. */
import type { Dispatch } from 'react';
import { QueryObserver, type QueryClient } from '@tanstack/react-query';
import type { CaptureConsent, ProviderId } from '@contract/api';
import type { CaptureEvent, FittedUpload, RecordedClip } from '../machine/machine';
import { abortableJob, errorMessage, type Cleanup } from '../state-effects';
import { sessionStatusQuery } from '../session/api';
import { captureStatusQuery, submitCapture } from './api';

/**
 * Sends the shared file as `video`, fitted files as `video.<providerId>`, the clip's telemetry plus
 * fitting's, and the consent. Network failures and 5xx answers are retried with back-off
 * (UPLOAD_RETRYING); the state's every (re)entry sends again, with the same Idempotency-Key.
 */
export function sendCapture(
  clip: RecordedClip,
  upload: FittedUpload,
  chosen: { providers: ProviderId[]; consent: CaptureConsent | null; session: { clientToken: string } | null },
  dispatch: Dispatch<CaptureEvent>,
): Cleanup | void {
  const { providers, consent } = chosen;
  if (!consent) {
    // Unreachable through the machine (consent comes first); refuse rather than send without it.
    dispatch({ type: 'UPLOAD_FAILED', message: 'Consent is missing: go back and agree first.' });
    return;
  }
  const send = (signal: AbortSignal) =>
    submitCapture({
      video: upload.shared,
      providerVideos: upload.perProvider,
      meta: { providers, telemetry: { ...clip.telemetry, ...upload.telemetry }, consent },
      onProgress: (progress) => dispatch({ type: 'UPLOAD_PROGRESS', progress }),
      onRetry: (retry) => dispatch({ type: 'UPLOAD_RETRYING', retry }),
      signal,
      idempotencyKey: upload.idempotencyKey,
      ...(chosen.session ? { sessionToken: chosen.session.clientToken } : {}),
    });
  return abortableJob(
    send,
    (accepted) => dispatch({ type: 'UPLOAD_DONE', caseId: accepted.caseId, captureToken: accepted.captureToken }),
    (error) => dispatch({ type: 'UPLOAD_FAILED', message: errorMessage(error, 'The upload failed.') }),
  );
}

/**
 * The handoff state's effect: polls the session's status (~2 s) while the phone captures and
 * reports each answer; the query stops by itself once the status is final. A failed poll is not
 * an error for the person (the phone may still be fine): the query's retries apply, then it waits.
 */
export function followSession(
  clientToken: string | undefined,
  entry: number,
  { queryClient, dispatch }: { queryClient: QueryClient; dispatch: Dispatch<CaptureEvent> },
): Cleanup | void {
  if (!clientToken) return;
  const observer = new QueryObserver(queryClient, sessionStatusQuery(clientToken, entry));
  return observer.subscribe(({ data }) => {
    if (data) dispatch({ type: 'SESSION_STATUS', status: data.status, opens: data.opens });
  });
}

/**
 * Polls the capture status (the app's query client: its retry policy applies) and reports the
 * answer. `entry`, the processing state's entry id, gives every (re)entry a fresh query.
 */
export function pollStatus(
  caseId: string,
  captureToken: string,
  entry: number,
  { queryClient, dispatch }: { queryClient: QueryClient; dispatch: Dispatch<CaptureEvent> },
): Cleanup {
  const observer = new QueryObserver(queryClient, captureStatusQuery(caseId, captureToken, entry));
  return observer.subscribe(({ data, error }) => {
    if (error) dispatch({ type: 'STATUS_FAILED', message: errorMessage(error, 'Status check failed.') });
    else if (data && data.status !== 'processing') {
      dispatch(
        data.reason ? { type: 'STATUS', status: data.status, reason: data.reason } : { type: 'STATUS', status: data.status },
      );
    }
  });
}
