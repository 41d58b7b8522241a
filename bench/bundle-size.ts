/**
 * The capture route's JavaScript, sized from the production build in dist/: which JS files the page
 * actually fetched (from the network log), split into the initial load (index.html's script and
 * modulepreloads) and lazily loaded chunks, raw and gzip -9. Wasm and models are not JS and are
 * left out; the wasm packages' JS glue (MediaPipe's loader, ffmpeg-core.js) is listed apart.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FetchedResource } from './network.js';

export type JsLoad = 'initial' | 'lazy, before guidance' | 'lazy, during capture';

export interface JsFile {
  path: string;
  load: JsLoad;
  /** Part of a wasm package (its loader), not our bundle. */
  wasmGlue: boolean;
  raw: number;
  gzip: number;
}

export interface JsSummary {
  files: JsFile[];
  initialGzip: number;
  lazyAppGzip: number;
  wasmGlueGzip: number;
  totalGzip: number;
}

/** The JS the built index.html loads up front: `<script src>` and `<link rel="modulepreload">`. */
export function initialScripts(indexHtml: string): Set<string> {
  const out = new Set<string>();
  for (const m of indexHtml.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) out.add(m[1]!);
  for (const m of indexHtml.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) out.add(m[1]!);
  return out;
}

const WASM_GLUE = [/^\/mediapipe\//, /^\/ffmpeg\//];

export function jsSummary(distDir: string, fetched: readonly FetchedResource[], guidanceStartedAt: number): JsSummary {
  const initial = initialScripts(readFileSync(path.join(distDir, 'index.html'), 'utf8'));
  const seen = new Map<string, FetchedResource>();
  for (const r of fetched) if (r.type === 'JS' && !seen.has(r.path)) seen.set(r.path, r);
  const files: JsFile[] = [];
  for (const [urlPath, r] of seen) {
    const file = path.join(distDir, urlPath);
    if (!existsSync(file)) throw new Error(`${urlPath} was fetched but is not in dist/: is the build stale?`);
    const bytes = readFileSync(file);
    const load: JsLoad = initial.has(urlPath)
      ? 'initial'
      : r.finishedAt <= guidanceStartedAt
        ? 'lazy, before guidance'
        : 'lazy, during capture';
    files.push({
      path: urlPath,
      load,
      wasmGlue: WASM_GLUE.some((re) => re.test(urlPath)),
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
    });
  }
  const sum = (pick: (f: JsFile) => boolean) => files.filter(pick).reduce((n, f) => n + f.gzip, 0);
  return {
    files,
    initialGzip: sum((f) => f.load === 'initial'),
    lazyAppGzip: sum((f) => f.load !== 'initial' && !f.wasmGlue),
    wasmGlueGzip: sum((f) => f.wasmGlue),
    totalGzip: sum(() => true),
  };
}
