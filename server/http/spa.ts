/** The built SPA: its files (precompressed, cached by name) and its shell for every client-side route. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { staticCacheHeaders } from './static-cache.js';

export interface Spa {
  distDir: string;
  /** False when distDir has no index.html (API only). */
  hasSpa: boolean;
}

/** Serves distDir's files; without a built SPA nothing is served (fastify-static still needs a root: mediaRoot). */
export async function installSpaFiles(app: FastifyInstance, distDir: string, mediaRoot: string): Promise<Spa> {
  const hasSpa = existsSync(path.join(distDir, 'index.html'));
  // preCompressed: the build writes .br/.gz beside each asset (scripts/precompress-plugin.ts).
  await app.register(fastifyStatic, {
    root: hasSpa ? distDir : mediaRoot,
    serve: hasSpa,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false, // set per file instead: content-hashed assets for a year, the rest revalidated
    setHeaders: staticCacheHeaders(hasSpa ? distDir : mediaRoot),
  });
  return { distDir, hasSpa };
}

/** GET of any other non-API path answers the SPA shell; everything else 404 not_found. */
export function installSpaNotFound(app: FastifyInstance, { distDir, hasSpa }: Spa): void {
  app.setNotFoundHandler((request, reply) => {
    const url = request.url;
    if (hasSpa && request.method === 'GET' && !url.startsWith('/api/') && !url.startsWith('/sim/')) {
      // Client-side routes (/review/cases/…) all load the SPA shell.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', distDir);
    }
    return reply.code(404).send({ code: 'not_found', message: `No route for ${request.method} ${url.split('?')[0]}` });
  });
}
