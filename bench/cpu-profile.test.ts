import { describe, expect, it } from 'vitest';
import { stageShares, type CpuProfile } from './cpu-profile.js';

const root = 'file:///app';
/** root → fastify handler → read-upload → busboy; root → tencent request → (native toString); idle; GC. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2, 5, 7, 8] },
    { id: 2, callFrame: { functionName: 'handler', url: `${root}/node_modules/fastify/lib/route.js` }, children: [3] },
    { id: 3, callFrame: { functionName: 'readUpload', url: `${root}/server/captures/read-upload.ts` }, children: [4] },
    { id: 4, callFrame: { functionName: 'write', url: `${root}/node_modules/@fastify/busboy/lib/main.js` } },
    {
      id: 5,
      callFrame: { functionName: 'serializeDetectBody', url: `${root}/server/providers/tencent/request.ts` },
      children: [6],
    },
    { id: 6, callFrame: { functionName: 'toString', url: '' } },
    { id: 7, callFrame: { functionName: '(idle)', url: '' } },
    { id: 8, callFrame: { functionName: '(garbage collector)', url: '' } },
  ],
  // Each sample is charged the delta that follows it: 4 → 2 ms, 6 → 1 ms, 7 → 5 ms (idle), 2 → 1 ms, 8 → 0 (last).
  samples: [4, 6, 7, 2, 8],
  timeDeltas: [0, 2000, 1000, 5000, 1000],
};

describe('stageShares', () => {
  it('charges each sample to the innermost frame a stage claims, and leaves idle out', () => {
    const { busyMs, shares } = stageShares(profile);
    expect(busyMs).toBe(4);
    expect(shares.multipart).toBeCloseTo(0.5);
    expect(shares.encode).toBeCloseTo(0.25);
    expect(shares['api http']).toBeCloseTo(0.25);
    expect(shares['garbage collection']).toBe(0);
  });
});
