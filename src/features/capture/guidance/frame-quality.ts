/**
 * Brightness and sharpness of one video frame, from a small RGBA sample of it (the page draws the
 * video into a 64×48 canvas; see frame-sampler.ts). Pure: plain arrays in, numbers out.
 */

export interface FrameQuality {
  /** Mean BT.601 luma, 0–255. */
  meanLuma: number;
  /** Variance of the 3×3 Laplacian of the grey image. */
  laplacianVariance: number;
  /**
   * Laplacian variance divided by the grey image's own variance (higher = sharper). Dividing out
   * the contrast makes a dim, low-contrast but sharp frame score like a bright one, so "blurry"
   * does not fire in dark rooms; blur removes the fine detail and lowers it whatever the light.
   */
  sharpness: number;
}

/** Below this grey variance the frame is flat (lens covered, black frame): no detail to judge. */
const FLAT_VARIANCE = 1;

/** BT.601 luma of every pixel of an RGBA buffer (as `ImageData.data` lays it out). */
export function rgbaToLuma(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const n = width * height;
  if (rgba.length < n * 4) throw new RangeError(`expected ${n * 4} RGBA values, got ${rgba.length}`);
  const grey = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = i * 4;
    grey[i] = 0.299 * (rgba[p] as number) + 0.587 * (rgba[p + 1] as number) + 0.114 * (rgba[p + 2] as number);
  }
  return grey;
}

export function meanLuma(grey: ArrayLike<number>): number {
  if (grey.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < grey.length; i++) sum += grey[i] as number;
  return sum / grey.length;
}

export function variance(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const mean = meanLuma(values);
  let sumSq = 0;
  for (let i = 0; i < values.length; i++) sumSq += ((values[i] as number) - mean) ** 2;
  return sumSq / values.length;
}

/** Laplacian variance relative to the image's contrast; 0 for a flat image. */
export function relativeSharpness(laplacian: number, greyVariance: number): number {
  return greyVariance < FLAT_VARIANCE ? 0 : laplacian / greyVariance;
}

/**
 * Variance of the 4-neighbour Laplacian (0 1 0 / 1 −4 1 / 0 1 0) over the interior pixels. A sharp
 * image has strong edges, so the Laplacian swings widely; blur flattens it. 0 for images smaller
 * than 3×3.
 */
export function laplacianVariance(grey: ArrayLike<number>, width: number, height: number): number {
  if (width < 3 || height < 3 || grey.length < width * height) return 0;
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const lap =
        (grey[i - 1] as number) +
        (grey[i + 1] as number) +
        (grey[i - width] as number) +
        (grey[i + width] as number) -
        4 * (grey[i] as number);
      sum += lap;
      sumSq += lap * lap;
      count++;
    }
  }
  const mean = sum / count;
  return Math.max(0, sumSq / count - mean * mean);
}

/** Both measures from one RGBA sample. */
export function measureFrameQuality(rgba: ArrayLike<number>, width: number, height: number): FrameQuality {
  const grey = rgbaToLuma(rgba, width, height);
  const laplacian = laplacianVariance(grey, width, height);
  return {
    meanLuma: meanLuma(grey),
    laplacianVariance: laplacian,
    sharpness: relativeSharpness(laplacian, variance(grey)),
  };
}
