/**
 * The big static files go out compressed to browsers that accept it: the build writes .br/.gz
 * copies (scripts/precompress-plugin.ts) and the server picks one by Accept-Encoding.
 */
import { expect, test } from '@playwright/test';

for (const url of ['/mediapipe/wasm/vision_wasm_internal.wasm', '/ffmpeg/ffmpeg-core.wasm']) {
  test(`${url} is sent brotli- or gzip-compressed, or plain on request`, async ({ request }) => {
    const br = await request.head(url, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.status()).toBe(200);
    expect(br.headers()['content-encoding']).toBe('br');
    expect(br.headers()['content-type']).toBe('application/wasm');
    const gz = await request.head(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers()['content-encoding']).toBe('gzip');
    const plain = await request.head(url, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers()['content-encoding']).toBeUndefined();
    expect(Number(plain.headers()['content-length'])).toBeGreaterThan(Number(br.headers()['content-length']) * 2);
  });
}
