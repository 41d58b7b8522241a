import { createReadStream, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { precompress } from './scripts/precompress-plugin.js';

const API_TARGET = 'http://127.0.0.1:8080';

/** `@contract/*` → contract/ (as in tsconfig.base.json `paths`; tsx and Playwright read it there). */
const CONTRACT_DIR = fileURLToPath(new URL('./contract', import.meta.url));

/** Public URL prefix of the MediaPipe wasm files (keep in sync with MEDIAPIPE_WASM_PATH in src/features/capture/guidance/face-detector.ts). */
const WASM_URL_PREFIX = '/mediapipe/wasm/';

/**
 * The files `FilesetResolver.forVisionTasks(base)` can ask for (useModule = false): the SIMD build, or
 * the no-SIMD build on browsers without wasm SIMD. The `*_module_*` variants are never requested.
 */
const WASM_FILES = [
  'vision_wasm_internal.js',
  'vision_wasm_internal.wasm',
  'vision_wasm_nosimd_internal.js',
  'vision_wasm_nosimd_internal.wasm',
] as const;

function mediapipeWasmDir(): string {
  // Resolve through the package's own export map (it exports each wasm file, not package.json),
  // so a hoisted or nested node_modules layout keeps working.
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('@mediapipe/tasks-vision/vision_wasm_internal.wasm'));
}

/**
 * Serves a fixed set of files from a node_modules folder under our own origin: from node_modules in
 * dev, and as emitted assets under `dist/<urlPrefix>` on build. No CDN, and the multi-MB binaries
 * never get committed to git.
 */
function selfHostedFiles(name: string, urlPrefix: string, dir: string, files: readonly string[]): Plugin {
  const allowed = new Set<string>(files);
  return {
    name,
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        if (!url.startsWith(urlPrefix)) return next();
        const file = url.slice(urlPrefix.length);
        if (!allowed.has(file)) {
          res.statusCode = 404;
          res.end('not found');
          return;
        }
        const filePath = join(dir, file);
        res.setHeader('Content-Type', file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
        res.setHeader('Content-Length', String(statSync(filePath).size));
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(filePath).pipe(res);
      });
    },
    generateBundle() {
      for (const file of files) {
        this.emitFile({
          type: 'asset',
          fileName: `${urlPrefix.slice(1)}${file}`,
          source: readFileSync(join(dir, file)),
        });
      }
    },
  };
}

/** `@mediapipe/tasks-vision/wasm/*` under /mediapipe/wasm/. */
function mediapipeWasm(): Plugin {
  return selfHostedFiles('selfie-screen:mediapipe-wasm', WASM_URL_PREFIX, mediapipeWasmDir(), WASM_FILES);
}

/** Public URL prefix of the ffmpeg.wasm core (keep in sync with FFMPEG_CORE_URL in fitting/ffmpeg-core.ts). */
const FFMPEG_URL_PREFIX = '/ffmpeg/';

/**
 * The single-thread ffmpeg.wasm core (@ffmpeg/core, GPL-2.0-or-later), ESM build: ffmpeg.wasm's
 * worker is a module worker, which cannot importScripts() the UMD build.
 */
const FFMPEG_FILES = ['ffmpeg-core.js', 'ffmpeg-core.wasm'] as const;

function ffmpegCoreDir(): string {
  const require = createRequire(import.meta.url);
  // require.resolve follows the export map's `require` condition (dist/umd); the ESM pair sits beside it.
  return join(dirname(require.resolve('@ffmpeg/core/wasm')), '..', 'esm');
}

/** `@ffmpeg/core/dist/esm/*` under /ffmpeg/. */
function ffmpegCore(): Plugin {
  return selfHostedFiles('selfie-screen:ffmpeg-core', FFMPEG_URL_PREFIX, ffmpegCoreDir(), FFMPEG_FILES);
}

const proxy = {
  '/api': { target: API_TARGET, changeOrigin: false },
  '/sim': { target: API_TARGET, changeOrigin: false },
};

export default defineConfig({
  plugins: [react(), tailwindcss(), mediapipeWasm(), ffmpegCore(), precompress()],
  resolve: { alias: { '@contract': CONTRACT_DIR } },
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    // The detector chunk (tasks-vision JS, ~150 KB) is loaded on demand; the wasm is not JS.
    chunkSizeWarningLimit: 600,
  },
  test: {
    // Unit and API tests sit beside the code; e2e/*.spec.ts belong to Playwright.
    include: [
      'contract/**/*.test.ts',
      'src/**/*.test.{ts,tsx}',
      'server/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Most API tests wait (on PostgreSQL, timers, child processes), so three workers on two cores take ~35 % less
    // wall time than Vitest's default (cores − 1 = one worker here) without starving the timing-bound tests.
    maxWorkers: 3,
  },
});
