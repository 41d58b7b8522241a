/**
 * The capture feature's API calls: plain functions plus their TanStack Query options.
 */
import { queryOptions } from '@tanstack/react-query';
import type {
  CaptureAccepted,
  CaptureMeta,
  CaptureStatus,
  ProviderId,
  ProviderInfo,
  ProvidersResponse,
} from '../../../server/api-types';
import { fetchJson } from '../../lib/http';
import { postFormWithProgress } from '../../lib/upload';

export function fetchProviders(signal?: AbortSignal): Promise<ProvidersResponse> {
  return fetchJson<ProvidersResponse>('/api/providers', { signal });
}

export function providersQuery() {
  return queryOptions({
    queryKey: ['providers'],
    queryFn: ({ signal }) => fetchProviders(signal),
    staleTime: 5 * 60_000,
  });
}

/** Checked by default: everything except on-box (`local`) providers. */
export function defaultProviderIds(providers: readonly ProviderInfo[]): ProviderId[] {
  return providers.filter((p) => p.mode !== 'local').map((p) => p.id);
}

export interface SubmitCaptureInput {
  video: Blob;
  fileName: string;
  mimeType: string;
  meta: CaptureMeta;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * POST /api/captures as multipart/form-data: `meta` (JSON text) FIRST so the server can validate
 * it before streaming the file, then `video`. One automatic retry on a network error.
 */
export function submitCapture(input: SubmitCaptureInput): Promise<CaptureAccepted> {
  const makeBody = () => {
    const form = new FormData();
    form.append('meta', JSON.stringify(input.meta));
    const file = input.video.type === input.mimeType ? input.video : new Blob([input.video], { type: input.mimeType });
    form.append('video', file, input.fileName);
    return form;
  };
  return postFormWithProgress<CaptureAccepted>('/api/captures', makeBody, {
    onProgress: input.onProgress,
    signal: input.signal,
    networkRetries: 1,
    timeoutMs: 120_000,
  });
}

export function fetchCaptureStatus(caseId: string, captureToken: string, signal?: AbortSignal): Promise<CaptureStatus> {
  return fetchJson<CaptureStatus>(`/api/captures/${encodeURIComponent(caseId)}`, {
    signal,
    headers: { 'x-capture-token': captureToken },
  });
}

export const CAPTURE_STATUS_POLL_MS = 1500;

/** Polls until the status is no longer `processing`. `attempt` gives a manual retry a fresh query. */
export function captureStatusQuery(caseId: string, captureToken: string, attempt = 1) {
  return queryOptions({
    queryKey: ['capture-status', caseId, attempt],
    queryFn: ({ signal }) => fetchCaptureStatus(caseId, captureToken, signal),
    refetchInterval: (query) =>
      query.state.data && query.state.data.status !== 'processing' ? false : CAPTURE_STATUS_POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
    gcTime: 0,
  });
}
