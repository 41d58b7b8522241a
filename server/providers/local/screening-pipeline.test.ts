/**
 * How the screening's two workers run (#16): the sampled frames stream from the decode worker to the
 * detect worker while decoding goes on, and both workers start from an esbuild bundle (no tsx in
 * them), with tsx kept as the fallback.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createScreeningHost } from './screening-host.js';
import { sharedFixture } from './test-clips.test-helpers.js';
import { workerScripts } from './worker-bundle.js';

// The workers run at the lowest CPU priority: on a loaded box a screening can take tens of seconds.
vi.setConfig({ testTimeout: 120_000 });

const face640 = sharedFixture('face_640x480.mp4');
const host = createScreeningHost();
afterAll(() => host.close());

describe('the screening pipeline', () => {
  it('detects the sampled frames while the clip decodes: little detection is left when decoding ends', async () => {
    await host.analyse(face640); // loads the detector (not what is measured)
    const { result } = await host.analyse(new Uint8Array(face640)); // a new clip for the host (nothing is cached there)
    if (!result.readable) throw new Error(result.detail);
    expect(result.samples).toHaveLength(10);
    expect(result.samples.every((s) => s.faces.length === 1)).toBe(true);
    // Detection runs while the clip decodes: part of it is done when decoding ends (sequential: all of it is left).
    // How much is left varies: the detect worker runs at the lowest priority, and beside other test workers it can be
    // starved (Node 24 leg of CI: 2.6 s of 4.6 s left).
    expect(result.timingsMs.detectWait).toBeLessThan(result.timingsMs.detect);
  });

  it('starts its workers from plain JavaScript that imports nothing but Node built-ins', async () => {
    const scripts = await workerScripts();
    expect(scripts).toBeDefined();
    for (const url of Object.values(scripts ?? {})) {
      expect(url.protocol).toBe('data:');
      const code = decodeURIComponent(url.href.slice(url.href.indexOf(',') + 1));
      const imported = [...code.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1]);
      expect(imported.length).toBeGreaterThan(0);
      expect(imported.every((name) => name?.startsWith('node:'))).toBe(true);
      expect(code).not.toContain('tsx/esm/api');
    }
  });

  it('still screens through tsx when the workers are not bundled (the fallback)', async () => {
    const fallback = createScreeningHost({ bundledWorkers: false });
    try {
      const { result } = await fallback.analyse(face640);
      if (!result.readable) throw new Error(result.detail);
      expect(result.samples.filter((s) => s.faces.length === 1)).toHaveLength(10);
    } finally {
      await fallback.close();
    }
  });
});
