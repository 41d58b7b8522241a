import { describe, expect, it } from 'vitest';
import { serializeDetectBody } from './request.js';

describe('serializeDetectBody', () => {
  it('is byte for byte the SDK order JSON.stringify gives, for every padding length and both kinds', () => {
    for (const length of [0, 1, 2, 3, 1000, 100_001]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + 7) & 0xff);
      for (const [kind, type] of [
        ['video', 2],
        ['image', 1],
      ] as const) {
        const expected = JSON.stringify({ FaceInput: Buffer.from(bytes).toString('base64'), FaceInputType: type });
        expect(serializeDetectBody(kind, bytes).toString('utf8')).toBe(expected);
      }
    }
  });
});
