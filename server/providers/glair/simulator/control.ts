/**
 * GLAIR's part of the simulator control (the queue and history themselves are ../simulator-kit/control.ts):
 * what an outcome may override and what the history keeps of each answer. Nothing here ever holds a secret:
 * history keeps headers minus credentials and the body size only (never the face).
 */
import { z } from 'zod';
import {
  createSimulatorControl,
  headersWithoutSecretsFor,
  queuedOutcomeSchemaWith,
  type NextOutcomeOf,
  type RecordedRequestBase,
  type SimulatorControl,
} from '../../simulator-kit/control.js';

export const queuedOutcomeSchema = queuedOutcomeSchemaWith(
  {
    /**
     * For `error`: an HTTP status (`401`, `403`, `413`, `415`, `429`, `500`, `503`…) or a GLAIR status
     * (`NO_FILE`, `FILE_INVALID_FORMAT`, `FAILED`, `ERROR`, or any other string to test unknown statuses).
     */
    errorCode: z.string().min(1).optional(),
  },
  {
    /** Overrides the `confidence` of a real/fake/suspicious answer (GLAIR's own 0–1 scale). */
    confidence: z.number().min(0).max(1).optional(),
  },
);

export type QueuedOutcomeInput = z.input<typeof queuedOutcomeSchema>;
export type QueuedOutcome = z.output<typeof queuedOutcomeSchema>;
export type NextOutcome = NextOutcomeOf<QueuedOutcome>;

export interface RecordedRequest extends RecordedRequestBase {
  answer: { requestId: string; httpStatus: number; status?: string; value?: string };
}

/** Never echoed back by GET /_control: GLAIR's API key (the password travels in Authorization). */
export const headersWithoutSecrets = headersWithoutSecretsFor(['x-api-key']);

export type GlairSimulatorControl = SimulatorControl<QueuedOutcomeInput, QueuedOutcome, RecordedRequest>;

export function createGlairSimulatorControl(options: { historySize?: number } = {}): GlairSimulatorControl {
  return createSimulatorControl<typeof queuedOutcomeSchema, RecordedRequest>(queuedOutcomeSchema, options);
}
