/**
 * Security headers on every answer: no framing by anyone (clickjacking of the reviewer UI), no
 * referrer (capture and case ids live in URLs), the camera for this origin only, and a
 * Content-Security-Policy chosen by what the answer is:
 *
 * - the SPA's HTML: a strict policy that still lets the capture run — MediaPipe's and ffmpeg.wasm's
 *   WebAssembly (`'wasm-unsafe-eval'`, no `'unsafe-eval'`), the fitting workers (same-origin module
 *   scripts), the recorded clip's `blob:` playback, the favicon's `data:` URL. No inline script
 *   (the built index.html has none) and no inline style (React sets `style` through the CSSOM,
 *   which CSP does not govern; Tailwind is one stylesheet);
 * - JavaScript files: a policy that only matters when a script is loaded as a worker (a worker
 *   runs under the policy of its own script's response). ffmpeg.wasm's worker imports the core
 *   from a `blob:` URL and fetches its wasm from one, so `blob:` is allowed there and nowhere else;
 * - the API reference page (/api/docs, swagger-ui): its own scripts, styles and images (the logo is
 *   a `data:` URL) and fetches of the document, from this origin only; no inline script or style;
 * - everything else (API answers, simulators, media and other static files): nothing at all.
 *
 * The one exception to "no framing": `/s/<token>?embed=1` of a live session, which its application's
 * embedding origins (only) may frame: `frame-ancestors <origins>` and no X-Frame-Options.
 */
import type { FastifyInstance } from 'fastify';
import { isApiReference } from './api-reference.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Origins that may frame this answer (a session's capture page with ?embed=1, set by
     * sessions/capture-routes.ts); absent: nobody may.
     */
    frameAncestors?: string[];
  }
}

const policy = (directives: string[]) => directives.join('; ');

export const DOCUMENT_CSP = policy([
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
]);

export const WORKER_CSP = policy([
  "default-src 'self'",
  "script-src 'self' blob: 'wasm-unsafe-eval'",
  "connect-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
]);

export const DOCS_CSP = policy([
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
]);

export const NOTHING_CSP = policy(["default-src 'none'", "frame-ancestors 'none'"]);

/** The capture asks for the camera only (no microphone: the clip has no audio track). */
export const PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=()';

function isApiOrSimulator(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path === '/api' || path.startsWith('/api/') || path === '/sim' || path.startsWith('/sim/');
}

export function contentSecurityPolicyFor(url: string, contentType: string): string {
  if (isApiReference(url.split('?')[0] ?? '') && contentType.startsWith('text/html')) return DOCS_CSP;
  if (isApiOrSimulator(url)) return NOTHING_CSP;
  if (contentType.startsWith('text/html')) return DOCUMENT_CSP;
  if (/^(text|application)\/javascript/.test(contentType)) return WORKER_CSP;
  return NOTHING_CSP;
}

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const contentType = String(reply.getHeader('content-type') ?? '');
    const csp = contentSecurityPolicyFor(request.url, contentType);
    const framers = request.frameAncestors;
    if (framers && framers.length > 0) {
      reply.header('content-security-policy', csp.replace("frame-ancestors 'none'", `frame-ancestors ${framers.join(' ')}`));
    } else {
      reply.header('content-security-policy', csp);
      reply.header('x-frame-options', 'DENY');
    }
    reply.header('referrer-policy', 'no-referrer');
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
}
