/**
 * Outcome control and request history of the FinAuth simulator, usable over HTTP (`/_control`) or directly.
 * Nothing here ever holds a secret: the sign lives in the body, and history keeps only the body's size and the
 * non-secret form fields (never the sign, never the face).
 */
import { z } from 'zod';

/** (guess) Long enough for any timeout test; the cap keeps a typo from hanging a demo for hours. */
export const MAX_SIMULATED_DELAY_MS = 60_000;
const MAX_QUEUED_COUNT = 1000;
const DEFAULT_HISTORY_SIZE = 20;

export const queuedOutcomeSchema = z
  .object({
    outcome: z.enum(['real', 'fake', 'suspicious', 'error']),
    /**
     * Any FinAuth `error` string (`NO_FACE_FOUND`, `AUTHENTICATION_ERROR:SOMETHING_NEW`, …), or `413` / `504` for
     * the non-JSON answers the doc lists for those statuses.
     */
    errorCode: z.string().min(1).max(200).optional(),
    /** The HTTP status of an error; by default the doc's status for the code (400 for a code it does not list). */
    httpStatus: z.number().int().min(200).max(599).optional(),
    delayMs: z
      .number()
      .int()
      .min(0)
      .optional()
      .transform((ms) => (ms === undefined ? undefined : Math.min(ms, MAX_SIMULATED_DELAY_MS))),
    /** How many consecutive answers this outcome applies to. */
    count: z.number().int().min(1).max(MAX_QUEUED_COUNT).default(1),
    /** Overrides the score of a real/fake/suspicious answer (`result` still follows the outcome). */
    score: z.number().min(0).max(1).optional(),
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
  delayMs?: number;
  score?: number;
}

export interface RecordedRequest {
  at: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyBytes: number;
  /** The form as read, minus the sign. */
  form?: {
    sign_version?: string;
    data_type?: string;
    files: { field: string; filename: string; contentType: string; bytes: number }[];
  };
  answer: { status: number; requestId?: string; error?: string; result?: boolean; score?: number };
}

/** Credentials or tokens; never echoed back by GET /_control. */
const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key']);

export function headersWithoutSecrets(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HIDDEN_HEADERS.has(name.toLowerCase())) continue;
    shown[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return shown;
}

export interface FinauthSimulatorControl {
  /** Validates like POST /_control/next; throws a ZodError on bad input. */
  enqueue(next: QueuedOutcomeInput): QueuedOutcome;
  clear(): void;
  /** The outcome for the next answered check; `real` when nothing is queued. */
  takeNext(): NextOutcome;
  record(entry: RecordedRequest): void;
  snapshot(): { queue: QueuedOutcome[]; recentRequests: RecordedRequest[] };
}

export function createFinauthSimulatorControl(options: { historySize?: number } = {}): FinauthSimulatorControl {
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
      return { queue: queue.map((q) => ({ ...q })), recentRequests: history.map((h) => structuredClone(h)) };
    },
  };
}

export interface AdmissionOptions {
  /** Request starts per sliding second; undefined = no limit (FinAuth publishes none). */
  maxRequestsPerSecond?: number;
  /** Requests in flight at once (a queued delayMs keeps one in flight); undefined = no limit. */
  maxConcurrentRequests?: number;
  now: () => Date;
}

/** The vendor's throttle: a request over either limit is answered 403 CONCURRENCY_LIMIT_EXCEEDED at once. */
export function createAdmission(options: AdmissionOptions) {
  const starts: number[] = [];
  let inFlight = 0;
  return {
    /** A release function when admitted, undefined when over a limit. */
    tryEnter(): (() => void) | undefined {
      const nowMs = options.now().getTime();
      while (starts.length > 0 && (starts[0] ?? 0) <= nowMs - 1000) starts.shift();
      if (options.maxRequestsPerSecond !== undefined && starts.length >= options.maxRequestsPerSecond) return undefined;
      if (options.maxConcurrentRequests !== undefined && inFlight >= options.maxConcurrentRequests) return undefined;
      starts.push(nowMs);
      inFlight += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight -= 1;
      };
    },
  };
}
