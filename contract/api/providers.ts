/** GET /api/providers: the screening providers this deployment runs, their limits and health. */
import { z } from 'zod';
import { mediaLimitsSchema } from '../media/limits.js';
import { CIRCUIT_STATES, PROVIDER_MODES } from './enums.js';

/**
 * A provider id as the API carries it. Which ids exist is per deployment (the server's provider
 * registry; GET /api/providers lists them), so the contract only bounds the text; a request
 * naming one the server does not run is answered 400 `unknown_provider`.
 */
export const providerIdSchema = z.string().min(1).max(40);
export type ProviderId = z.infer<typeof providerIdSchema>;

/** `live`: real vendor with configured credentials; `simulated`: our built-in simulator; `local`: on-box checks. */
export const providerModeSchema = z.enum(PROVIDER_MODES);
export type ProviderMode = z.infer<typeof providerModeSchema>;

export const circuitStateSchema = z.enum(CIRCUIT_STATES);
export type CircuitState = z.infer<typeof circuitStateSchema>;

export const providerHealthSchema = z.object({
  circuit: circuitStateSchema,
  consecutiveFailures: z.number().int(),
  retryAt: z.string().optional(),
  inFlight: z.number().int(),
  /** Checks waiting to be sent: for a concurrency slot, on an open circuit, or in back-off before a retry. */
  queued: z.number().int(),
  /** The part of `queued` waiting for an open circuit to let calls through again. */
  waitingOnCircuit: z.number().int(),
  /**
   * The server processes these figures add up (several on one PostgreSQL: counts are summed, the worst circuit and
   * its soonest retry shown; a process silent for a few seconds is left out).
   */
  processes: z.number().int().optional(),
});
export type ProviderHealth = z.infer<typeof providerHealthSchema>;

export const providerInfoSchema = z
  .object({
    id: providerIdSchema,
    displayName: z.string(),
    mode: providerModeSchema,
    limits: mediaLimitsSchema,
    health: providerHealthSchema,
  })
  .meta({ id: 'ProviderInfo' });
export type ProviderInfo = z.infer<typeof providerInfoSchema>;

/** GET /api/health */
export const healthResponseSchema = z.object({ status: z.literal('ok') });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** GET /api/health/live: the process is up and answering. */
export const liveResponseSchema = z.object({ status: z.literal('live') });
export type LiveResponse = z.infer<typeof liveResponseSchema>;

export const READINESS_PARTS = ['database', 'migrations', 'media'] as const;
export const readinessChecksSchema = z
  .object(
    Object.fromEntries(READINESS_PARTS.map((p) => [p, z.enum(['ok', 'failed'])])) as Record<
      (typeof READINESS_PARTS)[number],
      z.ZodEnum<{ ok: 'ok'; failed: 'failed' }>
    >,
  )
  .describe(
    'database: a query answers; migrations: every migration this build ships is applied; media: the media store takes a write',
  );

/** GET /api/health/ready: 200 when every part is ok (a 503 `not_ready` names the failed parts in `details`). */
export const readyResponseSchema = z.object({ status: z.literal('ready'), checks: readinessChecksSchema });
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
export type ReadinessChecks = z.infer<typeof readinessChecksSchema>;

/** GET /api/providers */
export const providersResponseSchema = z.object({ providers: z.array(providerInfoSchema) });
export type ProvidersResponse = z.infer<typeof providersResponseSchema>;
