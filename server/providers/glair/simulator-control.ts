/**
 * Outcome control and request history of the GLAIR simulator, usable over HTTP (`/_control`) or directly.
 * Nothing here ever holds a secret: history keeps headers minus credentials and the body size only (never the face).
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
     * For `error`: an HTTP status (`401`, `403`, `413`, `415`, `429`, `500`, `503`…) or a GLAIR status
     * (`NO_FILE`, `FILE_INVALID_FORMAT`, `FAILED`, `ERROR`, or any other string to test unknown statuses).
     */
    errorCode: z.string().min(1).optional(),
    delayMs: z
      .number()
      .int()
      .min(0)
      .optional()
      .transform((ms) => (ms === undefined ? undefined : Math.min(ms, MAX_SIMULATED_DELAY_MS))),
    /** How many consecutive answers this outcome applies to. */
    count: z.number().int().min(1).max(MAX_QUEUED_COUNT).default(1),
    /** Overrides the `confidence` of a real/fake/suspicious answer (GLAIR's own 0–1 scale). */
    confidence: z.number().min(0).max(1).optional(),
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
  delayMs?: number;
  confidence?: number;
}

export interface RecordedRequest {
  at: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyBytes: number;
  answer: { requestId: string; httpStatus: number; status?: string; value?: string };
}

/** Credentials or tokens; never echoed back by GET /_control. */
const HIDDEN_HEADERS = new Set(['authorization', 'x-api-key', 'cookie', 'proxy-authorization']);

export function headersWithoutSecrets(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HIDDEN_HEADERS.has(name.toLowerCase())) continue;
    shown[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return shown;
}

export interface GlairSimulatorControl {
  /** Validates like POST /_control/next; throws a ZodError on bad input. */
  enqueue(next: QueuedOutcomeInput): QueuedOutcome;
  clear(): void;
  /** The outcome for the next answered check; `real` when nothing is queued. */
  takeNext(): NextOutcome;
  record(entry: RecordedRequest): void;
  snapshot(): { queue: QueuedOutcome[]; recentRequests: RecordedRequest[] };
}

export function createGlairSimulatorControl(options: { historySize?: number } = {}): GlairSimulatorControl {
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
