import { createReadStream, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const API_TARGET = 'http://127.0.0.1:8080';

/** Public URL prefix of the MediaPipe wasm files (keep in sync with MEDIAPIPE_WASM_PATH in faceDetector.ts). */
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
 * Serves `@mediapipe/tasks-vision/wasm/*` from our own origin: from node_modules in dev, and as emitted assets under `dist/mediapipe/wasm/` on build. No CDN, and the
 * 13 MB binaries never get committed to git.
 */
function mediapipeWasm(): Plugin {
  const dir = mediapipeWasmDir();
  const allowed = new Set<string>(WASM_FILES);
  return {
    name: 'selfie-screen:mediapipe-wasm',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0] ?? '';
        if (!url.startsWith(WASM_URL_PREFIX)) return next();
        const name = url.slice(WASM_URL_PREFIX.length);
        if (!allowed.has(name)) {
          res.statusCode = 404;
          res.end('not found');
          return;
        }
        const file = join(dir, name);
        res.setHeader('Content-Type', name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
        res.setHeader('Content-Length', String(statSync(file).size));
        res.setHeader('Cache-Control', 'no-cache');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const name of WASM_FILES) {
        this.emitFile({
          type: 'asset',
          fileName: `${WASM_URL_PREFIX.slice(1)}${name}`,
          source: readFileSync(join(dir, name)),
        });
      }
    },
  };
}

const proxy = {
  '/api': { target: API_TARGET, changeOrigin: false },
  '/sim': { target: API_TARGET, changeOrigin: false },
};

export default defineConfig({
  plugins: [react(), tailwindcss(), mediapipeWasm()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    // The detector chunk (tasks-vision JS, ~150 KB) is loaded on demand; the wasm is not JS.
    chunkSizeWarningLimit: 600,
  },
  test: {
    // Unit and API tests sit beside the code; e2e/*.spec.ts belong to Playwright.
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
