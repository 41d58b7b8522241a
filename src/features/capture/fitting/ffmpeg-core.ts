/**
 * The ffmpeg.wasm single-thread core (@ffmpeg/core, GPL-2.0-or-later), fetched once from our own
 * origin (served by the Vite plugin in vite.config.ts, copied into dist/ffmpeg/ on build; never a
 * CDN) and kept as blob URLs. Every job gets a fresh FFmpeg instance (a long-lived one failed with
 * "memory access out of bounds" after many runs), and the blob URLs make each fresh load a ~0.3 s
 * compile instead of another 32 MB download.
 */

const BASE = import.meta.env.BASE_URL; // always ends with '/'

/** Keep in sync with FFMPEG_URL_PREFIX in vite.config.ts. */
export const FFMPEG_CORE_URL = `${BASE}ffmpeg/ffmpeg-core.js`;
export const FFMPEG_WASM_URL = `${BASE}ffmpeg/ffmpeg-core.wasm`;

export interface FfmpegCoreUrls {
  coreURL: string;
  wasmURL: string;
  /** How long the download took (ms), for telemetry. */
  fetchMs: number;
}

let corePromise: Promise<FfmpegCoreUrls> | null = null;

async function fetchAsBlobUrl(url: string, type: string, signal?: AbortSignal): Promise<string> {
  const res = await fetch(url, { signal });
  // A missing file falls through to the SPA's index.html on the server: never hand that to the worker.
  const received = res.headers.get('content-type') ?? '';
  if (!res.ok || received.includes('text/html')) {
    throw new Error(`The video tools did not load (${url}: HTTP ${res.status}${received ? `, ${received}` : ''}).`);
  }
  return URL.createObjectURL(new Blob([await res.arrayBuffer()], { type }));
}

/**
 * Starts (once) or joins the core download. Safe to call early and often: the page calls it while
 * the person is being guided so that fitting after the recording does not wait for it. A failed
 * download is forgotten so the next call tries again.
 */
export function preloadFfmpegCore(): Promise<FfmpegCoreUrls> {
  corePromise ??= (async () => {
    const started = performance.now();
    const [coreURL, wasmURL] = await Promise.all([
      fetchAsBlobUrl(FFMPEG_CORE_URL, 'text/javascript'),
      fetchAsBlobUrl(FFMPEG_WASM_URL, 'application/wasm'),
    ]);
    return { coreURL, wasmURL, fetchMs: Math.round(performance.now() - started) };
  })().catch((error: unknown) => {
    corePromise = null;
    throw error;
  });
  return corePromise;
}
