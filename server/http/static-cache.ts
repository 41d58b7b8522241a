/**
 * How long browsers may keep the built SPA's files. A phone on a slow link should not fetch the
 * capture's code, the face detector's wasm or its model twice: Vite names everything under
 * assets/ by its content, so those are kept a year without asking again; the files that keep their
 * name across releases (the wasm packages, the model, embed.js, the demo clips) are kept but
 * revalidated with their ETag on every use (a 304: one round trip, no body), so a release never
 * pairs a new loader with an old binary. index.html is never cached (the SPA fallback says so).
 */
import path from 'node:path';

export const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';
export const REVALIDATED_CACHE = 'public, no-cache';

/** `relativePath`: the file's path under the dist folder, with forward slashes. */
export function staticCacheControl(relativePath: string): string {
  return relativePath.startsWith('assets/') ? HASHED_ASSET_CACHE : REVALIDATED_CACHE;
}

/** For @fastify/static's `setHeaders` (with its own `cacheControl` off). `filePath` may be the .br/.gz beside the file. */
export function staticCacheHeaders(
  root: string,
): (res: { setHeader(name: string, value: string): unknown }, filePath: string) => void {
  return (res, filePath) => {
    const relative = path.relative(root, filePath).split(path.sep).join('/');
    res.setHeader('cache-control', staticCacheControl(relative));
  };
}
