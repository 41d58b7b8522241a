/**
 * What a clip or still must satisfy for a provider to accept it. The server's vendor folders state
 * their limits in these shapes, GET /api/providers sends them, and the capture app fits its
 * recording to them with the same fit check the server runs (fit-check.ts).
 */
import { z } from 'zod';

export const VIDEO_CONTAINERS = ['mp4', 'mov', 'webm', 'mkv', 'avi', 'flv'] as const;
export const videoContainerSchema = z.enum(VIDEO_CONTAINERS);
export type VideoContainer = z.infer<typeof videoContainerSchema>;

export const IMAGE_FORMATS = ['jpeg', 'png'] as const;
export const imageFormatSchema = z.enum(IMAGE_FORMATS);
export type ImageFormat = z.infer<typeof imageFormatSchema>;

/** 'portrait' when the vendor wants height > width. */
const orientationSchema = z.enum(['any', 'portrait']);

export const videoLimitsSchema = z.object({
  containers: z.array(videoContainerSchema),
  /** Codec names as the probe reports them (e.g. 'h264'); omitted when the vendor accepts any. */
  codecs: z.array(z.string()).optional(),
  durationS: z.object({ min: z.number(), max: z.number() }),
  fps: z.object({ min: z.number(), max: z.number() }),
  /** Longest side / shortest side in pixels (720p → 1280 × 720). */
  maxLongSidePx: z.number(),
  maxShortSidePx: z.number(),
  minBytes: z.number().optional(),
  maxBytes: z.number(),
  /** True when the vendor counts the size after base64 encoding (4/3 of the raw bytes). */
  maxBytesAfterBase64: z.boolean(),
  orientation: orientationSchema.optional(),
});
/** What a clip must satisfy to be accepted by a vendor. The capture app fits media to these. */
export type VideoLimits = z.infer<typeof videoLimitsSchema>;

export const imageLimitsSchema = z.object({
  formats: z.array(imageFormatSchema),
  maxLongSidePx: z.number(),
  maxShortSidePx: z.number(),
  maxBytes: z.number(),
  maxBytesAfterBase64: z.boolean(),
  orientation: orientationSchema.optional(),
});
export type ImageLimits = z.infer<typeof imageLimitsSchema>;

export const mediaLimitsSchema = z.object({
  /** Which input the product sends to this vendor by default. */
  preferred: z.enum(['video', 'image']),
  video: videoLimitsSchema.optional(),
  image: imageLimitsSchema.optional(),
});
export type MediaLimits = z.infer<typeof mediaLimitsSchema>;
