/**
 * Records by encoding while recording: Mediabunny's MediaStreamVideoTrackSource reads the camera
 * track (MediaStreamTrackProcessor) and feeds WebCodecs' H.264 encoder at the settings the strictest
 * chosen provider needs (fitting/live-encode-plan.ts), into an MP4 in memory. Stopping only flushes the encoder and writes the index; when the plan cuts the clip
 * (a provider takes ≤ 3 s) the file is finished at the cut, before the recording ends. Loaded on
 * demand (Mediabunny stays out of the first load).
 */
import { BufferTarget, MediaStreamVideoTrackSource, Mp4OutputFormat, Output, Quality } from 'mediabunny';
import { abortError } from '../../../lib/abort';
import type { TranscodeAction } from '../fitting/plan';
import { RECORDING_MS, type RecordOptions, type RecordResult } from './recorder';

export const LIVE_MIME_TYPE = 'video/mp4';

export interface LiveRecordResult extends RecordResult {
  live: {
    /** Recording told to stop → file finished (0 when it was finished at the cut, before the stop). */
    finalizeMs: number;
    /** Recording start → file finished, when cut before the recording's end. */
    cutAtMs: number | null;
    packets: number;
  };
}

export function recordEncoded(
  stream: MediaStream,
  action: TranscodeAction,
  options: RecordOptions = {},
): Promise<LiveRecordResult> {
  const { durationMs = RECORDING_MS, onProgress, signal } = options;
  if (signal?.aborted) return Promise.reject(abortError('Recording cancelled'));
  const cameraTrack = stream.getVideoTracks()[0];
  if (!cameraTrack) return Promise.reject(new Error('The camera stream has no video track.'));
  // A clone of its own: Mediabunny may move it to a worker and ends it; the preview and guidance keep the camera's.
  const track = cameraTrack.clone();
  const target = new BufferTarget();
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target });
  let packets = 0;
  let source: MediaStreamVideoTrackSource;
  try {
    source = new MediaStreamVideoTrackSource(
      track,
      {
        codec: 'avc',
        quality: new Quality({ bitrate: action.bitsPerSecond, bitrateMode: 'constant' }),
        // Scaled into the plan's size (`scale=W:H` in the ffmpeg job); a camera that changes size is stretched into it.
        sizeChangeBehavior: 'fill',
        transform: { width: action.width, height: action.height },
        onEncodedPacket: () => void packets++,
      },
      // Each frame as the camera delivers it, with its own timestamp. A constant rate (`frameRate: N`) would
      // need Mediabunny's timer worker, a blob: worker the page's CSP (worker-src 'self') rightly refuses.
      { frameRate: null, timestampBase: 'zero' },
    );
    output.addVideoTrack(source);
  } catch (error) {
    track.stop();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  return new Promise<LiveRecordResult>((resolve, reject) => {
    let startedAt = 0;
    let progressTimer: ReturnType<typeof setInterval> | undefined;
    const timers: Array<ReturnType<typeof setTimeout>> = [];
    let settled = false;
    let finishedAt: number | null = null;
    let finishing: Promise<void> | null = null;

    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearInterval(progressTimer);
      timers.forEach(clearTimeout);
      signal?.removeEventListener('abort', onAbort);
      track.stop();
      fn();
    };
    const fail = (error: unknown) => {
      void output.cancel().catch(() => undefined);
      settle(() => reject(error instanceof Error ? error : new Error(String(error))));
    };
    function onAbort() {
      fail(abortError('Recording cancelled'));
    }
    // Closing the source ends the file; finalize flushes the encoder and writes the index.
    const finish = () =>
      (finishing ??= (async () => {
        source.close();
        await output.finalize();
        finishedAt = performance.now();
      })());

    source.errorPromise.catch(fail);
    signal?.addEventListener('abort', onAbort);
    output
      .start()
      .then(() => {
        startedAt = performance.now();
        onProgress?.(0);
        progressTimer = setInterval(() => onProgress?.(Math.min(1, (performance.now() - startedAt) / durationMs)), 100);
        const cutMs = action.durationS === null ? null : action.durationS * 1000;
        if (cutMs !== null && cutMs < durationMs) timers.push(setTimeout(() => finish().catch(fail), cutMs));
        timers.push(
          setTimeout(() => {
            onProgress?.(1);
            const stoppedAt = performance.now();
            finish().then(() => {
              const buffer = target.buffer;
              if (!buffer || packets === 0) return fail(new Error('The live recording came out empty.'));
              const blob = new Blob([buffer], { type: LIVE_MIME_TYPE });
              const finalizeMs = Math.max(0, Math.round((finishedAt ?? stoppedAt) - stoppedAt));
              const cutAtMs = finishedAt !== null && finishedAt < stoppedAt ? Math.round(finishedAt - startedAt) : null;
              const elapsed = performance.now() - startedAt;
              settle(() =>
                resolve({
                  blob,
                  mimeType: LIVE_MIME_TYPE,
                  requestedMimeType: undefined,
                  durationMs: elapsed,
                  live: { finalizeMs, cutAtMs, packets },
                }),
              );
            }, fail);
          }, durationMs),
        );
      })
      .catch(fail);
  });
}
