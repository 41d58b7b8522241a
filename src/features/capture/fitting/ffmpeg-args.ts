/**
 * The ffmpeg command line for each fitting job. Pure, so the exact arguments are unit-tested;
 * `run-ffmpeg.ts` only feeds them to ffmpeg.wasm.
 */
import type { FitJobAction } from './plan';

export const FITTED_MIME_TYPE = 'video/mp4';

/** Output duration as ffmpeg reads it: seconds with millisecond precision. */
function seconds(s: number): string {
  return s.toFixed(3);
}

/**
 * `-map 0:v:0`: vendors screen the picture only; dropping any audio keeps sizes predictable.
 * `+faststart`: a regular (unfragmented) MP4 with its index first, which every decoder reads.
 */
export function ffmpegArgs(action: FitJobAction, input: string, output: string): string[] {
  const head = ['-i', input, '-map', '0:v:0'];
  const tail = ['-movflags', '+faststart', '-f', 'mp4', output];
  switch (action.kind) {
    case 'trim':
      return [...head, '-t', seconds(action.durationS), '-c', 'copy', ...tail];
    case 'remux':
      return [...head, '-c', 'copy', ...tail];
    case 'transcode': {
      const filters = [`scale=${action.width}:${action.height}`, `fps=${action.fps}`];
      const rate = String(action.bitsPerSecond);
      return [
        ...head,
        ...(action.durationS !== null ? ['-t', seconds(action.durationS)] : []),
        '-vf',
        filters.join(','),
        // ultrafast: the single-thread wasm build measured 2.4–2.8 s for 5 s of 640×480 (veryfast: 5.6–7.7 s).
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        'yuv420p',
        '-b:v',
        rate,
        '-maxrate',
        rate,
        // One second of buffer: the planner's byte budget counts it (plan.ts, VBV_BUFFER_S).
        '-bufsize',
        rate,
        '-an',
        ...tail,
      ];
    }
  }
}

/** How long the output will play, for progress: ffmpeg reports the output time it has reached. */
export function expectedOutputSeconds(action: FitJobAction, inputDurationS: number): number {
  if (action.kind === 'remux') return inputDurationS;
  const cut = action.durationS;
  return cut === null ? inputDurationS : Math.min(cut, inputDurationS);
}
