/**
 * The two screening workers as plain JavaScript, bundled once per process with esbuild (asynchronously,
 * in its own process: the server's event loop is not held up). A worker started from the bundle does
 * not register tsx: no loader-hooks thread and no per-file transform, ~28 MB and ~40 ms of CPU less per
 * worker (bench/local.ts), which counts because a decode worker is started for every clip.
 * If bundling fails, the workers start through worker-entry.mjs with tsx, as before.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export type WorkerEntry = 'decode' | 'detect';

const here = new URL('./', import.meta.url);

async function bundle(entry: WorkerEntry): Promise<URL> {
  const result = await build({
    stdin: {
      // The priority first: imports evaluate in order.
      contents: `import './lowest-priority.ts';\nimport './${entry}-worker.ts';\n`,
      resolveDir: fileURLToPath(here),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    // Node's own modules only (checked at build): anything else would be resolved from a data: URL, which cannot be done.
    packages: 'bundle',
    // The workers find @ffmpeg/core and @vladmandic/human from their own folder (createRequire(import.meta.url)).
    define: { 'import.meta.url': JSON.stringify(new URL(`./${entry}-worker.ts`, here).href) },
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error(`esbuild produced no ${entry} worker`);
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

let bundles: Promise<Record<WorkerEntry, URL> | undefined> | undefined;

/** The workers' bundled scripts (built on first use), or undefined if they could not be built. */
export function workerScripts(): Promise<Record<WorkerEntry, URL> | undefined> {
  bundles ??= Promise.all([bundle('decode'), bundle('detect')]).then(
    ([decode, detect]) => ({ decode, detect }),
    () => undefined,
  );
  return bundles;
}
