/**
 * Loads `@ffmpeg/core` 0.12 (the single-thread core the browser already uses; GPL-2.0-or-later, built
 * without --enable-nonfree) inside a Node worker thread. Worker thread only: it defines `self` and
 * `location` on the worker's own global.
 *
 * Why the shims: the ESM build is emitted for a browser worker (ENVIRONMENT_IS_WORKER is hard-coded
 * true) and reads `self.location.href` on load; the wasm is handed over as `wasmBinary` so it never
 * tries to fetch it. How exec behaves: `exec()` is synchronous; FFmpeg's exit is patched to store the
 * code in `ret` and then abort(), so an instance runs exactly one command and is thrown away after.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

export interface FFmpegCore {
  FS: {
    writeFile(path: string, data: Uint8Array): void;
    readFile(path: string): Uint8Array;
  };
  setLogger(logger: (entry: { type: 'stdout' | 'stderr'; message: string }) => void): void;
  /** In-wasm time limit (ms) checked by the patched transcode loop; -1 = none. */
  setTimeout(ms: number): void;
  /** Runs one ffmpeg command synchronously; returns its exit code. */
  exec(...args: string[]): number;
}

type CreateCore = (options: { wasmBinary: ArrayBuffer | Uint8Array }) => Promise<FFmpegCore>;

const require = createRequire(import.meta.url);
let cached: Promise<{ create: CreateCore; wasm: Uint8Array }> | undefined;

async function loadModule(): Promise<{ create: CreateCore; wasm: Uint8Array }> {
  if (isMainThread) throw new Error('ffmpeg-core-node must run in a worker thread');
  const jsPath = require.resolve('@ffmpeg/core').replace(/dist\/umd\/ffmpeg-core\.js$/, 'dist/esm/ffmpeg-core.js');
  const wasmPath = jsPath.replace(/\.js$/, '.wasm');
  const g = globalThis as Record<string, unknown>;
  g.self ??= globalThis;
  const href = pathToFileURL(jsPath).href;
  g.location ??= { href };
  const mod = (await import(href)) as { default: CreateCore };
  return { create: mod.default, wasm: new Uint8Array(await readFile(wasmPath)) };
}

/** A fresh decoder instance (the compiled module is cached per worker; the instance never is). */
export async function createFFmpegCore(): Promise<FFmpegCore> {
  cached ??= loadModule();
  const { create, wasm } = await cached;
  return create({ wasmBinary: wasm });
}
