/**
 * Vite build plugin: writes `<file>.br` and `<file>.gz` beside every compressible file in dist/,
 * which the server's static handler (@fastify/static `preCompressed`) sends to browsers that accept
 * them. Phones on mobile data are the capture app's users: MediaPipe's wasm (13 MB) shrinks to
 * ~3.2 MB and the ffmpeg core (32 MB) to ~8.6 MB. Done once at build time, never per request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(wasm|js|mjs|css|html|json|svg|tflite|txt)$/;
/** Below this a compressed copy saves less than a round of headers is worth. */
const MIN_BYTES = 1024;
/** Keep a compressed copy only when it saves at least this fraction. */
const MIN_SAVING = 0.1;

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/** Writes the .br/.gz copies of one file; returns how many were worth keeping. */
export function precompressFile(file: string): number {
  const bytes = readFileSync(file);
  if (bytes.length < MIN_BYTES) return 0;
  // Brotli quality 5: close to quality 11's size on wasm at a fraction of its time (seconds, not minutes).
  const copies: Array<[string, Buffer]> = [
    [
      `${file}.br`,
      brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    ],
    [`${file}.gz`, gzipSync(bytes, { level: 9 })],
  ];
  let written = 0;
  for (const [name, packed] of copies) {
    if (packed.length > bytes.length * (1 - MIN_SAVING)) continue;
    writeFileSync(name, packed);
    written += 1;
  }
  return written;
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'selfie-screen:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      if (!statSync(outDir, { throwIfNoEntry: false })?.isDirectory()) return;
      for (const file of filesUnder(outDir)) if (COMPRESSIBLE.test(file)) precompressFile(file);
    },
  };
}
