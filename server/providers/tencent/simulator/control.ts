/**
 * Tencent's part of the simulator control (the queue and history themselves are ../simulator-kit/control.ts):
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
  { errorCode: z.string().min(1).optional() },
  {
    /** Overrides the AttackRiskDetailList Types of a fake/suspicious answer. */
    riskTypes: z.array(z.string().min(1)).optional(),
  },
);

export type QueuedOutcomeInput = z.input<typeof queuedOutcomeSchema>;
export type QueuedOutcome = z.output<typeof queuedOutcomeSchema>;
export type NextOutcome = NextOutcomeOf<QueuedOutcome>;

export interface RecordedRequest extends RecordedRequestBase {
  answer: { requestId: string; errorCode?: string; attackRiskLevel?: string };
}

/** Never echoed back by GET /_control: the TC3 session token. */
export const headersWithoutSecrets = headersWithoutSecretsFor(['x-tc-token']);

export type TencentSimulatorControl = SimulatorControl<QueuedOutcomeInput, QueuedOutcome, RecordedRequest>;

export function createTencentSimulatorControl(options: { historySize?: number } = {}): TencentSimulatorControl {
  return createSimulatorControl<typeof queuedOutcomeSchema, RecordedRequest>(queuedOutcomeSchema, options);
}
