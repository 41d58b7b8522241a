/**
 * Outcome control and request history of the Alibaba simulators, usable over HTTP (`/_control`) or directly.
 * Nothing here ever holds a secret: history keeps headers minus credentials, the URL minus any signed media link,
 * and the body size only (never the face).
 */
import { z } from 'zod';

/** (guess) Long enough for any timeout test; the cap keeps a typo from hanging a demo for hours. */
export const MAX_SIMULATED_DELAY_MS = 60_000;
const MAX_QUEUED_COUNT = 1000;
const DEFAULT_HISTORY_SIZE = 20;

export const queuedOutcomeSchema = z
  .object({
    outcome: z.enum(['real', 'fake', 'suspicious', 'error']),
    /** A POP code, e.g. `NoFaceDetected`; the HTTP status comes from the doc's table unless httpStatus is given. */
    errorCode: z.string().min(1).optional(),
    httpStatus: z.number().int().min(200).max(599).optional(),
    /** Sent as x-acs-retry-after with a throttling error. */
    retryAfterMs: z.number().int().min(0).optional(),
    delayMs: z
      .number()
      .int()
      .min(0)
      .optional()
      .transform((ms) => (ms === undefined ? undefined : Math.min(ms, MAX_SIMULATED_DELAY_MS))),
    /** How many consecutive answers this outcome applies to. */
    count: z.number().int().min(1).max(MAX_QUEUED_COUNT).default(1),
    /** Overrides the RiskTag list of a fake/suspicious answer. */
    riskTags: z.array(z.string().regex(/^[A-Za-z0-9_]+$/)).optional(),
  })
  .refine((next) => next.outcome !== 'error' || next.errorCode !== undefined, {
    message: 'errorCode is required when outcome is "error"',
    path: ['errorCode'],
  });

export type QueuedOutcomeInput = z.input<typeof queuedOutcomeSchema>;
export type QueuedOutcome = z.output<typeof queuedOutcomeSchema>;
export interface NextOutcome {
  outcome: QueuedOutcome['outcome'];
  errorCode?: string;
  httpStatus?: number;
  retryAfterMs?: number;
  delayMs?: number;
  riskTags?: string[];
}

export interface RecordedRequest {
  at: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyBytes: number;
  answer: { httpStatus: number; requestId?: string; errorCode?: string; result?: string };
}

/** Credentials or tokens; never echoed back by GET /_control. */
const HIDDEN_HEADERS = new Set(['authorization', 'x-acs-security-token', 'x-acs-bearer-token', 'cookie', 'proxy-authorization']);

export function headersWithoutSecrets(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HIDDEN_HEADERS.has(name.toLowerCase())) continue;
    shown[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return shown;
}

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

export interface CloudauthSimulatorControl {
  /** Validates like POST /_control/next; throws a ZodError on bad input. */
  enqueue(next: QueuedOutcomeInput): QueuedOutcome;
  clear(): void;
  /** The outcome for the next analysed check; `real` when nothing is queued. */
  takeNext(): NextOutcome;
  record(entry: RecordedRequest): void;
  snapshot(): { queue: QueuedOutcome[]; recentRequests: RecordedRequest[] };
}

export function createCloudauthSimulatorControl(options: { historySize?: number } = {}): CloudauthSimulatorControl {
  const historySize = options.historySize ?? DEFAULT_HISTORY_SIZE;
  const queue: QueuedOutcome[] = [];
  const history: RecordedRequest[] = [];
  return {
    enqueue(next) {
      const parsed = queuedOutcomeSchema.parse(next);
      queue.push(parsed);
      return parsed;
    },
    clear() {
      queue.length = 0;
    },
    takeNext() {
      const head = queue[0];
      if (!head) return { outcome: 'real' };
      if (head.count > 1) head.count -= 1;
      else queue.shift();
      const { count: _count, ...next } = head;
      return next;
    },
    record(entry) {
      history.push(entry);
      if (history.length > historySize) history.splice(0, history.length - historySize);
    },
    snapshot() {
      return { queue: queue.map((q) => ({ ...q })), recentRequests: history.map((h) => ({ ...h })) };
    },
  };
}
