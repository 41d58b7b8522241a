/**
 * FinAuth's part of the simulator control (the queue and history themselves are ../simulator-kit/control.ts):
 * what an outcome may override and what the history keeps of each answer. Nothing here ever holds a secret: the
 * sign lives in the body, and history keeps only the body's size and the non-secret form fields (never the sign,
 * never the face).
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
     * Any FinAuth `error` string (`NO_FACE_FOUND`, `AUTHENTICATION_ERROR:SOMETHING_NEW`, …), or `413` / `504` for
     * the non-JSON answers the doc lists for those statuses.
     */
    errorCode: z.string().min(1).max(200).optional(),
    /** The HTTP status of an error; by default the doc's status for the code (400 for a code it does not list). */
    httpStatus: z.number().int().min(200).max(599).optional(),
  },
  {
    /** Overrides the score of a real/fake/suspicious answer (`result` still follows the outcome). */
    score: z.number().min(0).max(1).optional(),
  },
);

export type QueuedOutcomeInput = z.input<typeof queuedOutcomeSchema>;
export type QueuedOutcome = z.output<typeof queuedOutcomeSchema>;
export type NextOutcome = NextOutcomeOf<QueuedOutcome>;

export interface RecordedRequest extends RecordedRequestBase {
  /** The form as read, minus the sign. */
  form?: {
    sign_version?: string;
    data_type?: string;
    files: { field: string; filename: string; contentType: string; bytes: number }[];
  };
  answer: { status: number; requestId?: string; error?: string; result?: boolean; score?: number };
}

/** Never echoed back by GET /_control, besides the credentials every simulator hides. */
export const headersWithoutSecrets = headersWithoutSecretsFor(['x-api-key']);

export type FinauthSimulatorControl = SimulatorControl<QueuedOutcomeInput, QueuedOutcome, RecordedRequest>;

export function createFinauthSimulatorControl(options: { historySize?: number } = {}): FinauthSimulatorControl {
  return createSimulatorControl<typeof queuedOutcomeSchema, RecordedRequest>(queuedOutcomeSchema, options);
}
