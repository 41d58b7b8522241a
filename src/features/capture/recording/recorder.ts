/**
 * Records a short clip from the camera stream with MediaRecorder.
 */
import { abortError } from '../../../lib/abort';

/** Preferred first: MP4/H.264 is what every vendor accepts; WebM is the fallback (Firefox). */
export const RECORDER_MIME_CANDIDATES = [
  'video/mp4;codecs=avc1',
  'video/mp4',
  'video/webm;codecs=h264',
  'video/webm;codecs=vp9',
  'video/webm;codecs=vp8',
] as const;

/**
 * 3.5 s: inside Tencent's and FinAuth's 2–5 s with room for the recorder's start/stop slack, and
 * long enough that every vendor can be served after fitting (fitting/plan.ts): Alibaba's 1–3 s
 * gets a stream-copy trim to 2.8 s, which still holds far more than its 100 KB minimum.
 */
export const RECORDING_MS = 3500;
export const VIDEO_BITS_PER_SECOND = 1_500_000;
export const RECORDER_TIMESLICE_MS = 500;

/** First candidate the browser supports, or undefined (let the browser pick its default). */
export function pickRecorderMimeType(isTypeSupported: (type: string) => boolean): string | undefined {
  return RECORDER_MIME_CANDIDATES.find((type) => {
    try {
      return isTypeSupported(type);
    } catch {
      return false;
    }
  });
}

/**
 * Upload file name for a recorder MIME type. Chromium reports `video/webm;codecs=h264` recordings
 * as `video/x-matroska;codecs=avc1`, so Matroska gets `.mkv`.
 */
export function fileNameForMimeType(mimeType: string): string {
  const base = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (base === 'video/mp4') return 'capture.mp4';
  if (base === 'video/quicktime') return 'capture.mov';
  if (base === 'video/x-matroska') return 'capture.mkv';
  return 'capture.webm';
}

export interface RecordOptions {
  durationMs?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface RecordResult {
  blob: Blob;
  /** The type the recorder actually produced (may differ from the requested one). */
  mimeType: string;
  requestedMimeType: string | undefined;
  durationMs: number;
}

export function recordClip(stream: MediaStream, options: RecordOptions = {}): Promise<RecordResult> {
  const { durationMs = RECORDING_MS, onProgress, signal } = options;
  if (signal?.aborted) return Promise.reject(abortError('Recording cancelled'));

  const requestedMimeType = pickRecorderMimeType((t) => MediaRecorder.isTypeSupported(t));
  let recorder: MediaRecorder;
  try {
    recorder = new MediaRecorder(stream, {
      ...(requestedMimeType ? { mimeType: requestedMimeType } : {}),
      videoBitsPerSecond: VIDEO_BITS_PER_SECOND,
    });
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  return new Promise<RecordResult>((resolve, reject) => {
    const chunks: Blob[] = [];
    let startedAt = 0;
    let progressTimer: ReturnType<typeof setInterval> | undefined;
    let stopTimer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;

    const cleanup = () => {
      clearInterval(progressTimer);
      clearTimeout(stopTimer);
      signal?.removeEventListener('abort', onAbort);
    };
    const stop = () => {
      if (recorder.state !== 'inactive') recorder.stop();
    };
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      cleanup();
      fn();
    };
    function onAbort() {
      settle(() => reject(abortError('Recording cancelled')));
      stop();
    }

    recorder.ondataavailable = (e) => {
      if (e.data && e.data.size > 0) chunks.push(e.data);
    };
    recorder.onerror = (e) => {
      const err = (e as Event & { error?: unknown }).error;
      settle(() => reject(err instanceof Error ? err : new Error('The recorder reported an error.')));
      stop();
    };
    recorder.onstop = () => {
      const mimeType = recorder.mimeType || requestedMimeType || chunks[0]?.type || 'video/webm';
      const blob = new Blob(chunks, { type: mimeType });
      const elapsed = performance.now() - startedAt;
      settle(() => {
        if (blob.size === 0) reject(new Error('The recording came out empty.'));
        else resolve({ blob, mimeType, requestedMimeType, durationMs: elapsed });
      });
    };

    signal?.addEventListener('abort', onAbort);
    try {
      recorder.start(RECORDER_TIMESLICE_MS);
    } catch (error) {
      settle(() => reject(error instanceof Error ? error : new Error(String(error))));
      return;
    }
    startedAt = performance.now();
    onProgress?.(0);
    progressTimer = setInterval(() => {
      onProgress?.(Math.min(1, (performance.now() - startedAt) / durationMs));
    }, 100);
    stopTimer = setTimeout(() => {
      onProgress?.(1);
      stop();
    }, durationMs);
  });
}
