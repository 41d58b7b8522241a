/**
 * The admins' demo panel (/api/admin/demo…), there only while at least one vendor runs on its built-in simulator
 * (else 404 `demo_off`): steer a simulated vendor's next answers, and seed or remove a month of labelled demo cases.
 */
import { z } from 'zod';
import { providerIdSchema } from './providers.js';

/** What a simulated vendor answers: the simulators' own control vocabulary (`error`: a vendor error, not a verdict). */
export const DEMO_OUTCOMES = ['real', 'fake', 'suspicious', 'error'] as const;
export const demoOutcomeSchema = z.enum(DEMO_OUTCOMES);
export type DemoOutcome = z.infer<typeof demoOutcomeSchema>;

/** At most this many answers queued by one request (the simulators accept up to 1000). */
export const DEMO_MAX_COUNT = 100;

export const demoStatusResponseSchema = z.object({
  /** The vendors this server simulates, which the panel can steer. */
  vendors: z.array(z.object({ id: providerIdSchema, name: z.string() })),
  /** Demo cases in the store now. */
  seededCases: z.number().int(),
});
export type DemoStatusResponse = z.infer<typeof demoStatusResponseSchema>;

export const demoVendorParamsSchema = z.object({ providerId: providerIdSchema });

export const demoOutcomeRequestSchema = z.object({
  outcome: demoOutcomeSchema,
  /** For the next `count` checks this vendor answers. */
  count: z.number().int().min(1).max(DEMO_MAX_COUNT).default(1),
});
export type DemoOutcomeRequest = z.input<typeof demoOutcomeRequestSchema>;

export const demoOutcomeResponseSchema = z.object({
  providerId: providerIdSchema,
  outcome: demoOutcomeSchema,
  count: z.number().int(),
  /** Answers now waiting in this vendor's simulator queue, this one included. */
  queuedAnswers: z.number().int(),
});
export type DemoOutcomeResponse = z.infer<typeof demoOutcomeResponseSchema>;

export const demoSeedResponseSchema = z.object({ created: z.number().int() });
export type DemoSeedResponse = z.infer<typeof demoSeedResponseSchema>;
export const demoRemoveResponseSchema = z.object({ removed: z.number().int() });
export type DemoRemoveResponse = z.infer<typeof demoRemoveResponseSchema>;
