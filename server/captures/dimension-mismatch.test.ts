/** An upload whose header hides a far larger H.264 picture is refused at ingest, before anything is stored or screened. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encodeTestClip, withMp4HeaderSize } from '@contract/media/frame-size-clips.test-helpers.js';
import { postCapture, startTestServer, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let hidden8k: Uint8Array;
beforeAll(async () => {
  t = await startTestServer();
  hidden8k = withMp4HeaderSize(await encodeTestClip({ width: 8000, height: 8000, fps: 1, frames: 1, codec: 'h264' }), 640, 480);
}, 60_000);
afterAll(async () => t?.close());

it('refuses an 8000×8000 H.264 stream behind a 640×480 header with 422 dimension_mismatch, leaving nothing behind', async () => {
  const res = await postCapture(t.baseUrl, hidden8k, { providers: ['local'] });
  expect(res.status).toBe(422);
  expect(res.body.code).toBe('dimension_mismatch');
  expect(res.body.message).toMatch(/640×480.*8000×8000/);
  expect(await t.mediaFiles()).toEqual([]);
  expect(t.server.integrity?.backlog()).toBe(0);
});
