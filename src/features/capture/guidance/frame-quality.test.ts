import { describe, expect, it } from 'vitest';
import { laplacianVariance, meanLuma, measureFrameQuality, relativeSharpness, rgbaToLuma, variance } from './frame-quality';

function rgba(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      out.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return out;
}

describe('rgbaToLuma / meanLuma', () => {
  it('uses BT.601 weights', () => {
    const grey = rgbaToLuma(
      rgba(3, 1, (x) => (x === 0 ? [255, 0, 0] : x === 1 ? [0, 255, 0] : [0, 0, 255])),
      3,
      1,
    );
    expect(Array.from(grey).map((v) => Math.round(v * 100) / 100)).toEqual([76.25, 149.68, 29.07]);
  });

  it('mean of a uniform frame is its grey level', () => {
    expect(
      meanLuma(
        rgbaToLuma(
          rgba(64, 48, () => [128, 128, 128]),
          64,
          48,
        ),
      ),
    ).toBeCloseTo(128, 5);
    expect(meanLuma([])).toBe(0);
  });

  it('rejects a buffer that is too short', () => {
    expect(() => rgbaToLuma(new Uint8ClampedArray(10), 64, 48)).toThrow(RangeError);
  });
});

describe('laplacianVariance / relativeSharpness', () => {
  const checker = rgba(64, 48, (x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0]));
  const ramp = rgba(64, 48, (x) => [x * 4, x * 4, x * 4]);
  const flat = rgba(64, 48, () => [90, 90, 90]);

  it('is 0 for flat and linear images (no edges), high for a fine pattern', () => {
    expect(laplacianVariance(rgbaToLuma(flat, 64, 48), 64, 48)).toBe(0);
    expect(laplacianVariance(rgbaToLuma(ramp, 64, 48), 64, 48)).toBeCloseTo(0, 3);
    expect(laplacianVariance(rgbaToLuma(checker, 64, 48), 64, 48)).toBeGreaterThan(1e5);
  });

  it('blurring an image lowers it; halving the contrast quarters it but leaves the relative sharpness', () => {
    const sharp = rgba(64, 48, (x, y) => ((Math.floor(x / 4) + Math.floor(y / 4)) % 2 ? [200, 200, 200] : [40, 40, 40]));
    const grey = rgbaToLuma(sharp, 64, 48);
    const blurred = new Float32Array(grey.length);
    for (let y = 0; y < 48; y++) {
      for (let x = 0; x < 64; x++) {
        let sum = 0;
        let n = 0;
        for (let dy = -2; dy <= 2; dy++) {
          for (let dx = -2; dx <= 2; dx++) {
            const xx = Math.min(63, Math.max(0, x + dx));
            const yy = Math.min(47, Math.max(0, y + dy));
            sum += grey[yy * 64 + xx] as number;
            n++;
          }
        }
        blurred[y * 64 + x] = sum / n;
      }
    }
    const low = grey.map((v) => 120 + (v - 120) / 2);
    const lapSharp = laplacianVariance(grey, 64, 48);
    expect(laplacianVariance(blurred, 64, 48)).toBeLessThan(lapSharp / 4);
    expect(laplacianVariance(low, 64, 48)).toBeCloseTo(lapSharp / 4, 0);
    const rel = (g: Float32Array) => relativeSharpness(laplacianVariance(g, 64, 48), variance(g));
    expect(rel(low)).toBeCloseTo(rel(grey), 5);
    expect(rel(blurred)).toBeLessThan(rel(grey) / 4);
  });

  it('is 0 for images too small to filter and for flat images', () => {
    expect(laplacianVariance([1, 2, 3, 4], 2, 2)).toBe(0);
    expect(relativeSharpness(50, 0.5)).toBe(0);
  });
});

describe('measureFrameQuality', () => {
  it('returns mean luma, Laplacian variance and relative sharpness of one sample', () => {
    const q = measureFrameQuality(
      rgba(64, 48, (x, y) => ((x + y) % 2 ? [200, 200, 200] : [100, 100, 100])),
      64,
      48,
    );
    expect(q.meanLuma).toBeCloseTo(150, 3);
    // A ±50 checkerboard: variance 2 500, Laplacian ±400 → variance 160 000, ratio 64.
    expect(q.laplacianVariance).toBeCloseTo(160_000, 0);
    expect(q.sharpness).toBeCloseTo(64, 3);
  });
});
