/**
 * GET /api/cases/:id `integrity`: the local screening of the capture (deterministic checks, NO
 * deepfake model).
 */
import { z } from 'zod';
import { INTEGRITY_FINDING_CODES, INTEGRITY_FINDING_KINDS } from './enums.js';

export const integrityFindingKindSchema = z.enum(INTEGRITY_FINDING_KINDS);
export type IntegrityFindingKind = z.infer<typeof integrityFindingKindSchema>;

export const integrityFindingCodeSchema = z.enum(INTEGRITY_FINDING_CODES);
export type IntegrityFindingCode = z.infer<typeof integrityFindingCodeSchema>;

export const integrityFindingSchema = z.object({
  code: integrityFindingCodeSchema,
  kind: integrityFindingKindSchema,
  /** Plain words for the reviewer. */
  message: z.string(),
  /** Indices into `CaptureIntegrity.frames` this finding is about. */
  frames: z.array(z.number().int()).optional(),
  /** What was measured and the threshold it was held to. */
  evidence: z.record(z.string(), z.unknown()),
});
export type IntegrityFinding = z.infer<typeof integrityFindingSchema>;

/** A sampled frame of the capture, stored as case media `frame.<index>` (JPEG). */
export const integrityFrameSchema = z.object({
  index: z.number().int(),
  /** `frame.0` … `frame.9`. */
  role: z.string(),
  /** Index among all decoded frames, and its presentation time. */
  frameIndex: z.number().int(),
  timeS: z.number(),
  width: z.number(),
  height: z.number(),
  /** Faces the detector found, in this frame's pixels. */
  faces: z.array(z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number(), score: z.number() })),
});
export type IntegrityFrame = z.infer<typeof integrityFrameSchema>;

/**
 * `pending` until the screening has run; `error` when the screening itself could not run (not the
 * clip's fault). Its verdict is never 'pass': 'review' means only that nothing failed.
 */
export const captureIntegritySchema = z
  .object({
    status: z.enum(['pending', 'done', 'error']),
    /** Always "local screening — no deepfake model". */
    label: z.string(),
    verdict: z.enum(['fail', 'review']).optional(),
    findings: z.array(integrityFindingSchema),
    frames: z.array(integrityFrameSchema),
    measurements: z
      .object({
        durationS: z.number(),
        fps: z.number(),
        decodedFrames: z.number(),
        samplesWithOneFace: z.number(),
        samplesWithFace: z.number(),
        longestFrozenRunS: z.number(),
      })
      .optional(),
    timingsMs: z
      .object({ queued: z.number(), decode: z.number().optional(), detect: z.number().optional(), total: z.number() })
      .optional(),
    screenedAt: z.string().optional(),
    /** Why the screening could not run (status `error`). */
    error: z.string().optional(),
  })
  .meta({ id: 'CaptureIntegrity' });
export type CaptureIntegrity = z.infer<typeof captureIntegritySchema>;
