/**
 * The integrator API, `/api/v1` (Bearer API key): capture sessions. This surface is the stable one:
 * changes are additive only (README "API changelog"). The session view is also the `data` of every
 * webhook event.
 */
import { z } from 'zod';
import { webhookEventTypeSchema } from './applications.js';
import { verdictSchema, errorCategorySchema, checkStatusSchema } from './checks.js';
import { decisionReasonSchema, decisionSchema } from './decisions.js';
import { SESSION_STATUSES } from './enums.js';
import { providerIdSchema, providerModeSchema } from './providers.js';

export const sessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const SESSION_METADATA_MAX_BYTES = 4096;
export const SESSION_DEFAULT_EXPIRY_MINUTES = 30;
export const SESSION_MAX_EXPIRY_MINUTES = 7 * 24 * 60;

/** The `Idempotency-Key` of POST /api/v1/sessions (else 400 `invalid_idempotency_key`). */
export const SESSION_IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;

export const createSessionHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(SESSION_IDEMPOTENCY_KEY_PATTERN)
    .optional()
    .describe('A repeat with the same key and body answers 200 with the first answer; with another body, 409'),
});

/** The path of /api/v1/sessions/:id…. */
export const sessionParamsSchema = z.object({ id: z.string().describe('The session id (`ses_…`)') });

// Examples for the OpenAPI document (the /api/v1 reference shows them); plain data, no secrets.
const CREATE_SESSION_REQUEST_EXAMPLE = {
  reference: 'applicant-4711',
  providers: ['tencent', 'alibaba-intl'],
  locale: 'en',
  returnUrl: 'https://onboarding.example.com/kyc/done',
  metadata: { flow: 'account-opening', country: 'ID' },
  expiresInMinutes: 30,
};
const CREATE_SESSION_RESPONSE_EXAMPLE = {
  id: 'ses_01JEXAMPLE7K3',
  url: 'https://screening.example.com/s/cs_Zx8example',
  clientToken: 'cs_Zx8example',
  expiresAt: '2026-12-06T10:30:00.000Z',
};
const SESSION_VIEW_EXAMPLE = {
  id: 'ses_01JEXAMPLE7K3',
  status: 'completed',
  reference: 'applicant-4711',
  metadata: { flow: 'account-opening', country: 'ID' },
  providers: ['tencent', 'alibaba-intl'],
  locale: 'en',
  caseId: '3f0c2f5e-5d7a-4c1e-9d0b-2a8f1e6b9c41',
  checks: [
    { providerId: 'tencent', mode: 'live', status: 'done', verdict: 'pass', score: 0.04, finishedAt: '2026-12-06T10:04:12.000Z' },
    {
      providerId: 'alibaba-intl',
      mode: 'live',
      status: 'done',
      verdict: 'review',
      score: 0.61,
      riskTags: ['suspected_deepfake'],
      finishedAt: '2026-12-06T10:04:13.000Z',
    },
  ],
  integrity: { status: 'done', verdict: 'review', findings: [] },
  createdAt: '2026-12-06T10:00:00.000Z',
  expiresAt: '2026-12-06T10:30:00.000Z',
  openedAt: '2026-12-06T10:02:40.000Z',
  submittedAt: '2026-12-06T10:04:05.000Z',
  completedAt: '2026-12-06T10:04:13.000Z',
};
const SESSION_LIST_EXAMPLE = { sessions: [SESSION_VIEW_EXAMPLE], nextCursor: 'MjAyNi0xMi0wNlQxMDowMDowMC4wMDBafHNlc18wMUpF' };

/** POST /api/v1/sessions (optional `Idempotency-Key` header). */
export const createSessionRequestSchema = z
  .object({
    /** The integrator's applicant id. */
    reference: z.string().trim().min(1).max(128),
    /** A subset of the application's allowed providers; default: its default providers. */
    providers: z.array(providerIdSchema).min(1).max(10).optional(),
    /** The capture page's language (`en`, `id`, `zh`, …); default: the browser's. */
    locale: z.string().max(16).optional(),
    /** Where the person goes after submitting; must be on one of the application's return-URL origins. */
    returnUrl: z.string().url().max(2048).optional(),
    /** Yours, echoed back in the session view and webhooks; at most 4 KB as JSON. */
    metadata: z.record(z.string(), z.unknown()).optional(),
    expiresInMinutes: z.number().int().min(1).max(SESSION_MAX_EXPIRY_MINUTES).optional(),
  })
  .meta({ examples: [CREATE_SESSION_REQUEST_EXAMPLE] });
export type CreateSessionRequest = z.infer<typeof createSessionRequestSchema>;

export const createSessionResponseSchema = z
  .object({
    id: z.string(),
    /** The capture link for the end user: `<origin>/s/<clientToken>`. */
    url: z.string(),
    /** Lets a native app upload directly (`X-Session-Token`); treat it as a secret of that one person. */
    clientToken: z.string(),
    expiresAt: z.string(),
  })
  .meta({ examples: [CREATE_SESSION_RESPONSE_EXAMPLE] });
export type CreateSessionResponse = z.infer<typeof createSessionResponseSchema>;

/** One vendor's normalised result in a session. */
export const sessionCheckSchema = z.object({
  providerId: providerIdSchema,
  /** `simulated` results come from the built-in simulator, not the vendor. */
  mode: providerModeSchema,
  status: checkStatusSchema,
  verdict: verdictSchema.optional(),
  /** 0–1, higher = more likely fake, when the vendor gives a score. */
  score: z.number().optional(),
  riskTags: z.array(z.string()).optional(),
  /** For a check that ended in an error. */
  errorCategory: errorCategorySchema.optional(),
  finishedAt: z.string().optional(),
});
export type SessionCheck = z.infer<typeof sessionCheckSchema>;

/** GET /api/v1/sessions/:id, and the `data` of every webhook event. */
export const sessionViewSchema = z
  .object({
    id: z.string(),
    status: sessionStatusSchema,
    reference: z.string(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    providers: z.array(providerIdSchema),
    locale: z.string().optional(),
    /** The case the upload created (reviewers see it under this id). */
    caseId: z.string().optional(),
    checks: z.array(sessionCheckSchema),
    /** The on-box integrity screening (not a deepfake model): `review` means nothing failed. */
    integrity: z
      .object({
        status: z.enum(['pending', 'done', 'error']),
        verdict: z.enum(['fail', 'review']).optional(),
        findings: z.array(z.string()),
      })
      .optional(),
    /** The reviewer's latest decision. */
    decision: z.object({ decision: decisionSchema, reasonCode: decisionReasonSchema, decidedAt: z.string() }).optional(),
    createdAt: z.string(),
    expiresAt: z.string(),
    openedAt: z.string().optional(),
    submittedAt: z.string().optional(),
    completedAt: z.string().optional(),
    decidedAt: z.string().optional(),
    cancelledAt: z.string().optional(),
  })
  .meta({ examples: [SESSION_VIEW_EXAMPLE] });
export type SessionView = z.infer<typeof sessionViewSchema>;

/** GET /api/v1/sessions?reference=…&cursor=…&limit=… */
export const sessionListQuerySchema = z.object({
  reference: z.string().max(128).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const sessionListResponseSchema = z
  .object({
    sessions: z.array(sessionViewSchema),
    nextCursor: z.string().optional(),
  })
  .meta({ examples: [SESSION_LIST_EXAMPLE] });
export type SessionListResponse = z.infer<typeof sessionListResponseSchema>;

/** A webhook's body (Standard Webhooks): `{type, timestamp, data}`; the event id is the `webhook-id` header. */
export const webhookEventSchema = z.object({
  type: webhookEventTypeSchema,
  timestamp: z.string(),
  data: sessionViewSchema,
});
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** The path of /api/session-capture/:clientToken…: the link's client token is the only key. */
export const sessionCaptureParamsSchema = z.object({ clientToken: z.string().describe('The `cs_…` token of the session link') });

/**
 * GET /api/session-capture/:clientToken (public; the capture page bound to a session). Marks the
 * session `opened`. Never carries the reference or metadata: the page needs only how to capture.
 */
export const sessionCaptureConfigSchema = z.object({
  sessionId: z.string(),
  status: sessionStatusSchema,
  providers: z.array(providerIdSchema),
  locale: z.string().optional(),
  /** Present when the integrator gave one; the page appends `?session=<id>&status=submitted`. */
  returnUrl: z.string().optional(),
  /** Origins allowed to frame the page; the embedded page posts its messages to the parent only if it is one of these. */
  embedOrigins: z.array(z.string()),
  expiresAt: z.string(),
});
export type SessionCaptureConfig = z.infer<typeof sessionCaptureConfigSchema>;

/** GET /api/session-capture/:clientToken/status: polled by the desktop page that handed the capture to a phone (does not mark opened). */
export const sessionCaptureStatusSchema = z.object({
  status: sessionStatusSchema,
  /** How many times the link's capture page was opened: a rise after the hand-off means the phone opened it. */
  opens: z.number().int(),
});
export type SessionCaptureStatus = z.infer<typeof sessionCaptureStatusSchema>;

/**
 * GET /api/capture-settings (public): what the open capture page may offer. `publicCapture` false
 * (PUBLIC_CAPTURE=off): `/` and anonymous uploads need a session link. `demoClips` false
 * (DEMO_CLIPS=off): no demo video source and no `?demo=`.
 */
export const captureSettingsSchema = z.object({ publicCapture: z.boolean(), demoClips: z.boolean() });
export type CaptureSettings = z.infer<typeof captureSettingsSchema>;
