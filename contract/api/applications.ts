/**
 * Integrating applications (admin): GET/POST /api/admin/applications, PATCH /api/admin/applications/:id,
 * keys (POST …/:id/keys, DELETE …/:id/keys/:keyId) and webhook endpoints (POST …/:id/webhooks,
 * DELETE …/:id/webhooks/:webhookId). Secrets (`key`, `secret`) appear only in the create answers.
 */
import { z } from 'zod';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENT_TYPES } from './enums.js';
import { providerIdSchema } from './providers.js';

/** An origin as browsers send it: scheme://host[:port], no path. */
export const originSchema = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^/?#\s]+$/, 'an origin is scheme://host[:port] with no path, e.g. https://app.example.com');

/** The paths of /api/admin/applications/:id…, their keys and webhook endpoints, and a delivery's redelivery. */
export const applicationParamsSchema = z.object({ id: z.string().describe('The application id') });
export const apiKeyParamsSchema = applicationParamsSchema.extend({ keyId: z.string().describe('The key id') });
export const webhookEndpointParamsSchema = applicationParamsSchema.extend({
  webhookId: z.string().describe('The webhook endpoint id'),
});
export const webhookDeliveryParamsSchema = z.object({ id: z.string().describe('The delivery id') });

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;

export const createApplicationRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
  /** The vendors a session of this application may use. The end user never chooses. */
  allowedProviders: z.array(providerIdSchema).min(1).max(10),
  /** Used when a session names no providers; a subset of allowedProviders. */
  defaultProviders: z.array(providerIdSchema).min(1).max(10),
  /** Where a finished capture may send the person back to (returnUrl must be on one of these). */
  returnUrlOrigins: z.array(originSchema).max(20).default([]),
  /** Pages that may frame the capture (`/s/<token>?embed=1`). */
  embedOrigins: z.array(originSchema).max(20).default([]),
});
export type CreateApplicationRequest = z.input<typeof createApplicationRequestSchema>;

export const updateApplicationRequestSchema = createApplicationRequestSchema.partial().extend({
  /** A disabled application's keys stop working; its sessions stay readable to reviewers. */
  disabled: z.boolean().optional(),
});
export type UpdateApplicationRequest = z.infer<typeof updateApplicationRequestSchema>;

export const apiKeyViewSchema = z.object({
  id: z.string(),
  /** The first characters of the key, to recognise it (`sk_live_ab12…`); the key itself is never shown again. */
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().optional(),
  /** Set by revoke or by rotation (then in the future: the overlap window). */
  expiresAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

export const webhookEndpointViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  /** Absent: every event type. */
  events: z.array(webhookEventTypeSchema).optional(),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointViewSchema>;

export const applicationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  allowedProviders: z.array(providerIdSchema),
  defaultProviders: z.array(providerIdSchema),
  returnUrlOrigins: z.array(z.string()),
  embedOrigins: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
  keys: z.array(apiKeyViewSchema),
  webhooks: z.array(webhookEndpointViewSchema),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const applicationListResponseSchema = z.object({ applications: z.array(applicationViewSchema) });
export type ApplicationListResponse = z.infer<typeof applicationListResponseSchema>;

/** POST …/keys: `rotateFrom` names a key to retire after `overlapMinutes` (default 1440) instead of at once. */
export const createKeyRequestSchema = z
  .object({
    rotateFrom: z.string().optional(),
    overlapMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30)
      .optional(),
  })
  .default({});
export const createKeyResponseSchema = z.object({ id: z.string(), key: z.string(), prefix: z.string() });
export type CreateKeyResponse = z.infer<typeof createKeyResponseSchema>;

export const createWebhookRequestSchema = z.object({
  url: z.string().url().max(2048),
  events: z.array(webhookEventTypeSchema).min(1).optional(),
});
export type CreateWebhookRequest = z.infer<typeof createWebhookRequestSchema>;
/** `secret` is Standard Webhooks' `whsec_<base64>`, shown only here. */
export const createWebhookResponseSchema = z.object({ id: z.string(), secret: z.string() });
export type CreateWebhookResponse = z.infer<typeof createWebhookResponseSchema>;

export const updateWebhookRequestSchema = z.object({
  enabled: z.boolean().optional(),
  events: z.array(webhookEventTypeSchema).min(1).nullable().optional(),
});

export const webhookDeliveryStatusSchema = z.enum(WEBHOOK_DELIVERY_STATUSES);
/** One event to one endpoint, with its latest attempt (admin delivery log, case timeline). */
export const webhookDeliveryViewSchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  url: z.string(),
  eventId: z.string(),
  eventType: webhookEventTypeSchema,
  sessionId: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  /** The last attempt's HTTP status, if an answer came. */
  responseStatus: z.number().int().optional(),
  /** Why the last attempt failed (timeout, refused address, …). */
  lastError: z.string().optional(),
  latencyMs: z.number().optional(),
  createdAt: z.string(),
  nextAttemptAt: z.string().optional(),
  deliveredAt: z.string().optional(),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryViewSchema>;
export const webhookDeliveryListResponseSchema = z.object({
  deliveries: z.array(webhookDeliveryViewSchema),
  nextCursor: z.string().optional(),
});
export type WebhookDeliveryListResponse = z.infer<typeof webhookDeliveryListResponseSchema>;

/** GET …/webhooks/:webhookId/deliveries?cursor=&limit= (newest first). */
export const webhookDeliveryListQuerySchema = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type WebhookDeliveryListQuery = z.input<typeof webhookDeliveryListQuerySchema>;
