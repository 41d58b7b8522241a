/**
 * What makes each fitted file.
 * - `mediabunny`: a stream copy (trim, remux) in JavaScript, no decoding: Mediabunny (MPL-2.0)
 *   reads the recording and writes the MP4. Works in any browser with module workers.
 * - `webcodecs`: a re-encode with the browser's own decoder and H.264 encoder (WebCodecs), Mediabunny
 *   around it. Where `VideoEncoder.isConfigSupported` accepts the job.
 * - `ffmpeg`: ffmpeg.wasm (a 32 MB core) for what the browser cannot do, and the fallback when a
 *   job above fails or its output misses a limit.
 * Measured here (`npm run bench capture`): the browser paths are several times faster than
 * ffmpeg.wasm and skip the core download.
 */
import type { FitJobAction } from './plan';

export type FittingEngine = 'mediabunny' | 'webcodecs' | 'ffmpeg';

/**
 * `auto` (the default): the browser paths where they can run, ffmpeg.wasm elsewhere. `ffmpeg`:
 * ffmpeg.wasm for every job — for comparing the paths (`npm run bench capture`) and as a
 * workaround should a browser's encoder misbehave. Set with `?fitting=ffmpeg` on the capture page.
 */
export type EnginePreference = 'auto' | 'ffmpeg';

/** Whether the browser does this job: allowed (`auto`) and able. Asks `canFitInBrowser` only when allowed. */
export async function runsInBrowser(
  action: FitJobAction,
  engine: EnginePreference,
  canFitInBrowser: (action: FitJobAction) => Promise<boolean>,
): Promise<boolean> {
  return engine === 'auto' && (await canFitInBrowser(action));
}

export function enginePreferenceFrom(search: string): EnginePreference {
  return new URLSearchParams(search).get('fitting') === 'ffmpeg' ? 'ffmpeg' : 'auto';
}

/** This page's preference: `?fitting=ffmpeg` forces ffmpeg.wasm. */
export function enginePreference(): EnginePreference {
  return enginePreferenceFrom(window.location.search);
}
