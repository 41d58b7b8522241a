/**
 * The Alibaba simulators' part of the simulator control (the queue and history themselves are
 * ../simulator-kit/control.ts): what an outcome may override and what the history keeps of each answer.
 * Nothing here ever holds a secret: history keeps headers minus credentials, the URL minus any signed media link,
 * and the body size only (never the face).
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
    /** A POP code, e.g. `NoFaceDetected`; the HTTP status comes from the doc's table unless httpStatus is given. */
    errorCode: z.string().min(1).optional(),
    httpStatus: z.number().int().min(200).max(599).optional(),
    /** Sent as x-acs-retry-after with a throttling error. */
    retryAfterMs: z.number().int().min(0).optional(),
  },
  {
    /** Overrides the RiskTag list of a fake/suspicious answer. */
    riskTags: z.array(z.string().regex(/^[A-Za-z0-9_]+$/)).optional(),
  },
);

export type QueuedOutcomeInput = z.input<typeof queuedOutcomeSchema>;
export type QueuedOutcome = z.output<typeof queuedOutcomeSchema>;
export type NextOutcome = NextOutcomeOf<QueuedOutcome>;

export interface RecordedRequest extends RecordedRequestBase {
  answer: { httpStatus: number; requestId?: string; errorCode?: string; result?: string };
}

/** Never echoed back by GET /_control: STS and bearer tokens. */
export const headersWithoutSecrets = headersWithoutSecretsFor(['x-acs-security-token', 'x-acs-bearer-token']);

/**
 * The request URL with the query of any URL-valued parameter cut off: a FaceUrl is a short-lived signed link to a
 * person's face, and its signature is a credential.
 */
export function urlWithoutSecrets(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const params = new URLSearchParams(url.slice(queryAt + 1));
  for (const [name, value] of [...params]) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      const cut = value.search(/[?#]/);
      params.set(name, cut < 0 ? value : `${value.slice(0, cut)}?…`);
    }
  }
  return `${url.slice(0, queryAt)}?${params.toString()}`;
}

export type CloudauthSimulatorControl = SimulatorControl<QueuedOutcomeInput, QueuedOutcome, RecordedRequest>;

export function createCloudauthSimulatorControl(options: { historySize?: number } = {}): CloudauthSimulatorControl {
  return createSimulatorControl<typeof queuedOutcomeSchema, RecordedRequest>(queuedOutcomeSchema, options);
}
