/**
 * The screening costs no memory while unused: starting the server loads neither the decoder nor the
 * detector, the first capture does, and LOCAL_SCREENING_IDLE_SECONDS after the last clip both are
 * released (detect worker ended, compiled decoder dropped). The next capture loads them again.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../../test-support/test-server.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let t: TestServer;
let clips: Buffer[];
beforeAll(async () => {
  t = await startTestServer({ LOCAL_SCREENING_IDLE_SECONDS: '2' });
  // Two different clips: the service shares one analysis per clip, so a repeat would load nothing.
  clips = await Promise.all(['face_640x480.mp4', 'face_1280x720.mp4'].map((name) => readFile(sharedFixture(name))));
});
afterAll(async () => t?.close());

const nothingLoaded = { detector: false, decoder: false };

describe('screening workers and models', () => {
  it('are not loaded by starting the server', () => {
    expect(t.server.screenings?.loaded()).toEqual(nothingLoaded);
    expect(t.server.screenings?.backlog()).toBe(0);
  });

  it('are loaded by the first screening and released after the idle timeout, then loaded again', async () => {
    for (const [round, clip] of clips.entries()) {
      const res = await postCapture(t.baseUrl, clip);
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      await t.server.integrity?.idle();
      expect(t.server.screenings?.loaded(), `round ${round}`).toEqual({ detector: true, decoder: true });
      await vi.waitFor(() => expect(t.server.screenings?.loaded()).toEqual(nothingLoaded), { timeout: 15_000, interval: 100 });
    }
  });
});
