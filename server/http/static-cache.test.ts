/**
 * Browsers keep the built SPA's content-hashed files a year and revalidate the rest (the detector's
 * wasm and model keep their names across releases): a repeat visit on a slow link fetches neither again.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { HASHED_ASSET_CACHE, REVALIDATED_CACHE, staticCacheControl } from './static-cache.js';

let t: TestServer;
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(path.join(os.tmpdir(), 'selfie-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await mkdir(path.join(dist, 'mediapipe', 'wasm'), { recursive: true });
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>x</title><div id="root"></div>');
  await writeFile(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1);');
  await writeFile(path.join(dist, 'assets', 'index-abc123.js.br'), 'not really brotli');
  await writeFile(path.join(dist, 'mediapipe', 'wasm', 'vision_wasm_internal.wasm'), 'wasm');
  t = await startTestServer({}, { distDir: dist });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await rm(dist, { recursive: true, force: true });
});

function conditionalGet(urlPath: string, etag: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${t.baseUrl}${urlPath}`, { headers: { 'if-none-match': etag } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('static file caching', () => {
  it('content-hashed assets are immutable for a year, also when sent precompressed', async () => {
    const plain = await fetch(`${t.baseUrl}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('cache-control')).toBe(HASHED_ASSET_CACHE);
    const br = await fetch(`${t.baseUrl}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe(HASHED_ASSET_CACHE);
  });

  it('files that keep their name (the detector wasm) are revalidated: a repeat visit gets a 304 without the body', async () => {
    const first = await fetch(`${t.baseUrl}/mediapipe/wasm/vision_wasm_internal.wasm`);
    expect(first.headers.get('cache-control')).toBe(REVALIDATED_CACHE);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // undici's fetch would add `cache-control: no-cache` to a conditional request: ask as a browser's cache does.
    const again = await conditionalGet('/mediapipe/wasm/vision_wasm_internal.wasm', etag!);
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  it('index.html is never cached (a release must reach the next visit)', async () => {
    expect((await fetch(`${t.baseUrl}/`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('picks by path under dist/', () => {
    expect(staticCacheControl('assets/capture-page-Xy12.js')).toBe(HASHED_ASSET_CACHE);
    expect(staticCacheControl('models/face_detection_short_range_with_metadata.tflite')).toBe(REVALIDATED_CACHE);
    expect(staticCacheControl('embed.js')).toBe(REVALIDATED_CACHE);
  });
});
