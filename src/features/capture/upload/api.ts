/**
 * The capture feature's API calls: plain functions plus their TanStack Query options (the
 * provider list is the app's: lib/providers.ts).
 */
import { queryOptions } from '@tanstack/react-query';
import type { CaptureAccepted, CaptureMeta, CaptureStatus, ProviderId, ProviderInfo } from '@contract/api';
import { fetchJson } from '../../../lib/http';
import { postFormWithProgress, type UploadRetryInfo } from '../../../lib/upload';

/** Checked by default: everything except on-box (`local`) providers. */
export function defaultProviderIds(providers: readonly ProviderInfo[]): ProviderId[] {
  return providers.filter((p) => p.mode !== 'local').map((p) => p.id);
}

/** One file of the upload, with the type and name it is sent under. */
export interface CaptureFile {
  blob: Blob;
  fileName: string;
  mimeType: string;
}

export interface SubmitCaptureInput {
  /** Field `video`: every provider without its own file gets this one. */
  video: CaptureFile;
  /** Fields `video.<providerId>`: files fitted to one provider's limits (the server checks each). */
  providerVideos?: ReadonlyArray<{ providerId: ProviderId; file: CaptureFile }>;
  meta: CaptureMeta;
  onProgress?: (fraction: number) => void;
  onRetry?: (info: UploadRetryInfo) => void;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`, the same on every attempt: a re-sent upload never makes a second case. */
  idempotencyKey?: string;
  /** Sent as `X-Session-Token`: the upload belongs to the integrator's session behind `/s/<clientToken>`. */
  sessionToken?: string;
}

/** The upload's extra headers: idempotency key and session token, when there are. */
export function captureHeaders(input: Pick<SubmitCaptureInput, 'idempotencyKey' | 'sessionToken'>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (input.idempotencyKey) headers['Idempotency-Key'] = input.idempotencyKey;
  if (input.sessionToken) headers['X-Session-Token'] = input.sessionToken;
  return headers;
}

/** A fresh key for one fitted upload (see FittedUpload.idempotencyKey). */
export function newUploadKey(): string {
  return crypto.randomUUID();
}

/** Automatic re-sends after a network failure or a 5xx (4 attempts over about 11 s). */
export const UPLOAD_RETRIES = 3;

function withType(file: CaptureFile): Blob {
  return file.blob.type === file.mimeType ? file.blob : new Blob([file.blob], { type: file.mimeType });
}

/**
 * The multipart body: `meta` (JSON text) FIRST so the server can validate it before reading the
 * files, then `video`, then one `video.<providerId>` per provider with its own file.
 */
export function buildCaptureForm(input: SubmitCaptureInput): FormData {
  const form = new FormData();
  form.append('meta', JSON.stringify(input.meta));
  form.append('video', withType(input.video), input.video.fileName);
  for (const { providerId, file } of input.providerVideos ?? []) {
    form.append(`video.${providerId}`, withType(file), file.fileName);
  }
  return form;
}

/** POST /api/captures as multipart/form-data; retried on network failures and 5xx with back-off. */
export function submitCapture(input: SubmitCaptureInput): Promise<CaptureAccepted> {
  return postFormWithProgress<CaptureAccepted>('/api/captures', () => buildCaptureForm(input), {
    onProgress: input.onProgress,
    onRetry: input.onRetry,
    signal: input.signal,
    retries: UPLOAD_RETRIES,
    timeoutMs: 120_000,
    headers: captureHeaders(input),
  });
}

export function fetchCaptureStatus(caseId: string, captureToken: string, signal?: AbortSignal): Promise<CaptureStatus> {
  return fetchJson<CaptureStatus>(`/api/captures/${encodeURIComponent(caseId)}`, {
    signal,
    headers: { 'x-capture-token': captureToken },
  });
}

export const CAPTURE_STATUS_POLL_MS = 1500;

/** Polls until the status is no longer `processing`. `run` (a state entry id) gives a retry a fresh query. */
export function captureStatusQuery(caseId: string, captureToken: string, run: number) {
  return queryOptions({
    queryKey: ['capture-status', caseId, run],
    queryFn: ({ signal }) => fetchCaptureStatus(caseId, captureToken, signal),
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'processing' ? false : CAPTURE_STATUS_POLL_MS),
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
  });
}
