/**
 * Network accounting for one browser context: every finished request with its bytes on the wire
 * (Playwright's encoded body size: our server does not compress, so this is the file size) and
 * when it started and finished (epoch ms), classified by type.
 */
import type { BrowserContext, Request } from '@playwright/test';

export type ResourceType = 'JS' | 'CSS' | 'wasm' | 'model' | 'other';
export const RESOURCE_TYPES: readonly ResourceType[] = ['JS', 'CSS', 'wasm', 'model', 'other'];

export interface FetchedResource {
  path: string;
  method: string;
  type: ResourceType;
  bytes: number;
  startedAt: number;
  finishedAt: number;
}

export function classify(path: string, contentType: string): ResourceType {
  if (path.endsWith('.wasm') || contentType.includes('wasm')) return 'wasm';
  if (/\.(tflite|task|onnx)$/.test(path) || path.startsWith('/models/')) return 'model';
  if (/\.m?js$/.test(path) || contentType.includes('javascript')) return 'JS';
  if (path.endsWith('.css') || contentType.includes('text/css')) return 'CSS';
  return 'other';
}

/** Starts recording the context's requests; `collect()` waits for the pending size look-ups. */
export function recordNetwork(context: BrowserContext): { collect: () => Promise<FetchedResource[]> } {
  const pending: Array<Promise<FetchedResource | null>> = [];
  const read = async (request: Request): Promise<FetchedResource | null> => {
    const url = new URL(request.url());
    if (!url.protocol.startsWith('http')) return null; // blob: and data: URLs cost no network
    const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
    const timing = request.timing();
    const headers = response?.headers() ?? {};
    const contentType = headers['content-type'] ?? '';
    // Chromium reports 0 body bytes for a worker's own script: fall back to the declared length.
    const bytes = sizes.responseBodySize || Number(headers['content-length'] ?? 0);
    return {
      path: url.pathname,
      method: request.method(),
      type: classify(url.pathname, contentType),
      bytes,
      startedAt: timing.startTime,
      finishedAt: timing.startTime + Math.max(timing.responseEnd, 0),
    };
  };
  context.on('requestfinished', (request) => pending.push(read(request).catch(() => null)));
  return {
    collect: async () => (await Promise.all(pending)).filter((r): r is FetchedResource => r !== null),
  };
}

export type BytesByType = Record<ResourceType | 'total', number>;

export function bytesByType(resources: readonly FetchedResource[]): BytesByType {
  const out = Object.fromEntries([...RESOURCE_TYPES, 'total'].map((t) => [t, 0])) as BytesByType;
  for (const r of resources) {
    out[r.type] += r.bytes;
    out.total += r.bytes;
  }
  return out;
}
