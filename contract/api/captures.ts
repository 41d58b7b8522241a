/** POST /api/captures (public, rate-limited) and GET /api/captures/:id: what the capture app sends and sees. */
import { z } from 'zod';
import { retakeReasonSchema } from './checks.js';
import { CASE_STATUSES } from './enums.js';
import { binarySchema } from './media.js';
import { providerIdSchema } from './providers.js';

/** How far ahead of the server's clock a consent time may be (phones' clocks drift). */
const CONSENT_CLOCK_SKEW_MS = 24 * 3600_000;
/**
 * How old a consent may be. The capture page records it moments before recording and uploads
 * within minutes (retries last seconds); a day allows for the same clock drift as above. Older
 * consents (e.g. 1970, a client default) are not this capture's.
 */
const CONSENT_MAX_AGE_MS = 24 * 3600_000;

/**
 * Consent to biometric processing, as the capture page records it: which text version, when (ISO
 * 8601), in which language it was shown. The server checks it on its own, so a missing or malformed
 * one gets 400 `consent_required`.
 */
export const captureConsentSchema = z.object({
  version: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'a short version id'),
  acceptedAt: z.iso
    .datetime({ offset: true })
    .refine((t) => Date.parse(t) <= Date.now() + CONSENT_CLOCK_SKEW_MS, 'not in the future')
    .refine((t) => Date.parse(t) >= Date.now() - CONSENT_MAX_AGE_MS, 'given for this capture (within the last 24 hours)'),
  locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'a BCP 47 language tag'),
});
export type CaptureConsent = z.infer<typeof captureConsentSchema>;

/** A consent as stored and shown to reviewers: checked when it was given, so its age is no longer a fault. */
export const captureConsentViewSchema = z.object({ version: z.string(), acceptedAt: z.string(), locale: z.string() });

/**
 * The `meta` field of POST /api/captures (JSON text), beside file fields `video` (required),
 * optional `image`, and per-provider fitted variants `video.<providerId>` / `image.<providerId>`.
 */
export const captureMetaSchema = z.object({
  providers: z.array(providerIdSchema).min(1, 'choose at least one provider').max(10),
  telemetry: z.record(z.string(), z.unknown()).optional(),
  /** The person's consent to processing their biometric data (required: 400 `consent_required` without it). */
  consent: captureConsentSchema,
});
export type CaptureMeta = z.infer<typeof captureMetaSchema>;

/**
 * The multipart/form-data body of POST /api/captures, for the API's description only: the server
 * reads it with its own streaming reader (meta first, files straight to disk), never through this
 * schema. `meta` is JSON (a text field or a part typed application/json).
 */
export const captureUploadFormSchema = z
  .object({
    meta: captureMetaSchema.describe('Sent first; JSON, ≤ 256 KB'),
    video: binarySchema.describe('The clip (≤ MAX_UPLOAD_BYTES)'),
    image: binarySchema.describe('A still, when a chosen provider takes stills').optional(),
  })
  .catchall(binarySchema.describe('`video.<providerId>` / `image.<providerId>`: a file fitted to one chosen provider'));

/** `Idempotency-Key` of POST /api/captures: one random key per upload, the same on every retry. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/** The optional headers of POST /api/captures (described; the route checks them itself, before reading the body). */
export const captureUploadHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(IDEMPOTENCY_KEY_PATTERN)
    .optional()
    .describe('A repeat with a stored key creates nothing and answers 200 with the same case and a new token'),
  'x-session-token': z
    .string()
    .optional()
    .describe("A capture session's client token: the upload is that session's one upload (required when PUBLIC_CAPTURE=off)"),
});

/** The path of GET /api/captures/:id. */
export const captureParamsSchema = z.object({ id: z.string().describe('The case id from the 202 answer') });
export type CaptureParams = z.infer<typeof captureParamsSchema>;

/** 202 answer of POST /api/captures. The token is the only key to the capture's status. */
export const captureAcceptedSchema = z.object({
  caseId: z.string(),
  captureToken: z.string(),
});
export type CaptureAccepted = z.infer<typeof captureAcceptedSchema>;

/** The header of GET /api/captures/:id; without it, or with another case's token, the answer is 404 `not_found`. */
export const captureStatusHeadersSchema = z.looseObject({
  'x-capture-token': z.string().optional().describe('The `captureToken` of the 202 answer'),
});

/** GET /api/captures/:id (header `x-capture-token`). End users never see scores. */
export const captureStatusSchema = z.object({
  status: z.enum(CASE_STATUSES),
  reason: retakeReasonSchema.optional(),
});
export type CaptureStatus = z.infer<typeof captureStatusSchema>;
