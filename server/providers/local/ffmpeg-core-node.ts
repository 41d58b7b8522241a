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
import { isMainThread, Worker } from 'node:worker_threads';

export interface FFmpegCore {
  FS: {
    writeFile(path: string, data: Uint8Array): void;
    readFile(path: string): Uint8Array;
    /** Emscripten's device API: a node whose writes go to `ops.write` (see decode-clip's frame stream). */
    makedev(major: number, minor: number): number;
    registerDevice(
      device: number,
      ops: { write(stream: unknown, buffer: Uint8Array, offset: number, length: number, position?: number): number },
    ): void;
    mkdev(path: string, device: number): void;
  };
  setLogger(logger: (entry: { type: 'stdout' | 'stderr'; message: string }) => void): void;
  /** In-wasm time limit (ms) checked by the patched transcode loop; -1 = none. */
  setTimeout(ms: number): void;
  /** Runs one ffmpeg command synchronously; returns its exit code. */
  exec(...args: string[]): number;
}

type CreateCore = (options: {
  wasmBinary?: Uint8Array;
  instantiateWasm?: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance) => void) => object;
}) => Promise<FFmpegCore>;

const require = createRequire(import.meta.url);
const corePaths = () => {
  const js = require.resolve('@ffmpeg/core').replace(/dist\/umd\/ffmpeg-core\.js$/, 'dist/esm/ffmpeg-core.js');
  return { js, wasm: js.replace(/\.js$/, '.wasm') };
};

/**
 * Compiles the 32 MB wasm once (for the host; V8 compiles on its background threads). The compiled
 * module is handed to each decode worker, which then only instantiates it: compiling it per clip
 * cost seconds of CPU on a loaded 2-core box.
 */
export async function compileFFmpegWasm(): Promise<WebAssembly.Module> {
  // Read and compiled in a short-lived thread: the 32 MB file buffer dies with it, instead of staying
  // in the server's heap until some later GC (the screening's peak RSS), and the main thread neither
  // reads the file nor collects it. A compiled module passes between threads without a copy.
  const compiler = new Worker(COMPILE_IN_THREAD, { eval: true, workerData: corePaths().wasm, execArgv: [] });
  try {
    return await new Promise<WebAssembly.Module>((resolve, reject) => {
      compiler.once('message', resolve).once('error', reject);
      compiler.once('exit', (code) => reject(new Error(`the wasm compile thread exited with code ${code}`)));
    });
  } finally {
    void compiler.terminate();
  }
}

const COMPILE_IN_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
require('node:fs/promises').readFile(workerData).then((bytes) => WebAssembly.compile(bytes)).then((m) => parentPort.postMessage(m));
`;

let cached: Promise<CreateCore> | undefined;
let precompiled: WebAssembly.Module | undefined;

/** The decode worker passes on the host's compiled module; without it, the worker compiles its own. */
export function usePrecompiledFFmpegWasm(module: WebAssembly.Module | undefined): void {
  precompiled = module;
}

async function loadModule(): Promise<CreateCore> {
  if (isMainThread) throw new Error('ffmpeg-core-node must run in a worker thread');
  const { js } = corePaths();
  const g = globalThis as Record<string, unknown>;
  g.self ??= globalThis;
  const href = pathToFileURL(js).href;
  g.location ??= { href };
  return ((await import(href)) as { default: CreateCore }).default;
}

/** A fresh decoder instance (the JS glue is loaded once per worker; the instance never is reused). */
export async function createFFmpegCore(): Promise<FFmpegCore> {
  cached ??= loadModule();
  const create = await cached;
  const module = precompiled;
  if (module) {
    return create({
      instantiateWasm: (imports, receive) => {
        void WebAssembly.instantiate(module, imports).then(receive);
        return {};
      },
    });
  }
  return create({ wasmBinary: new Uint8Array(await readFile(corePaths().wasm)) });
}
