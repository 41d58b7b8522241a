/**
 * Draws the current video frame into a small canvas and measures it (DOM glue around the pure
 * frame-quality.ts). One sampler per detection loop; reuses its canvas.
 */
import type { FrameImage } from './detect-frame';
import { measureFrameQuality, type FrameQuality } from './frame-quality';
import { FRAME_SAMPLE } from './guidance-config';

/** `source`: the frame, or the detector's small copy of it (cheaper to shrink again). */
export type FrameSampler = (source: FrameImage | HTMLCanvasElement) => FrameQuality | null;

export function createFrameSampler(width: number = FRAME_SAMPLE.width, height: number = FRAME_SAMPLE.height): FrameSampler {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  // willReadFrequently keeps the canvas on the CPU, so getImageData does not stall a GPU readback.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  let broken = !ctx;
  return (source) => {
    if (broken || !ctx) return null;
    try {
      ctx.drawImage(source, 0, 0, width, height);
      return measureFrameQuality(ctx.getImageData(0, 0, width, height).data, width, height);
    } catch {
      // A tainted or unreadable frame: skip the brightness/blur checks rather than block capture.
      broken = true;
      return null;
    }
  };
}
