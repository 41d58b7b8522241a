/**
 * Outcome control and request history shared by the vendor simulators, usable over HTTP (`/_control`) or directly.
 * Each vendor's simulator/control.ts supplies its own outcome fields, recorded answer and secret headers; the queue,
 * the history and the copies handed out are the same everywhere.
 */
import { z } from 'zod';

/** (guess) Long enough for any timeout test; the cap keeps a typo from hanging a demo for hours. */
export const MAX_SIMULATED_DELAY_MS = 60_000;
const MAX_QUEUED_COUNT = 1000;
const DEFAULT_HISTORY_SIZE = 20;

/** Headers no simulator ever echoes back, whatever the vendor; each adds its own token headers. */
const ALWAYS_HIDDEN_HEADERS = ['authorization', 'cookie', 'proxy-authorization'] as const;

/**
 * The schema of a queued outcome: `errorFields` describe an `error` answer (errorCode is required for one) and
 * `answerFields` override parts of a real/fake/suspicious answer. Fields keep the order they are given in.
 */
export function queuedOutcomeSchemaWith<
  TErrorFields extends z.ZodRawShape & { errorCode: z.ZodOptional<z.ZodString> },
  TAnswerFields extends z.ZodRawShape,
>(errorFields: TErrorFields, answerFields: TAnswerFields) {
  return z
    .object({
      outcome: z.enum(['real', 'fake', 'suspicious', 'error']),
      ...errorFields,
      delayMs: z
        .number()
        .int()
        .min(0)
        .optional()
        .transform((ms) => (ms === undefined ? undefined : Math.min(ms, MAX_SIMULATED_DELAY_MS))),
      /** How many consecutive answers this outcome applies to. */
      count: z.number().int().min(1).max(MAX_QUEUED_COUNT).default(1),
      ...answerFields,
    })
    .refine(
      (next) => {
        const { outcome, errorCode } = next as QueuedOutcomeBase & { errorCode?: string };
        return outcome !== 'error' || errorCode !== undefined;
      },
      {
        message: 'errorCode is required when outcome is "error"',
        path: ['errorCode'],
      },
    );
}

/** What every queued outcome has, whatever else its vendor adds. */
export interface QueuedOutcomeBase {
  outcome: 'real' | 'fake' | 'suspicious' | 'error';
  count: number;
  delayMs?: number | undefined;
}

/** A queued outcome as handed to the simulator for one answer. */
export type NextOutcomeOf<TQueued extends QueuedOutcomeBase> = Omit<TQueued, 'count'>;

/** What every history entry has; each vendor adds the `answer` it gave (and anything else it may show). */
export interface RecordedRequestBase {
  at: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyBytes: number;
}

export interface SimulatorControl<TInput, TQueued extends QueuedOutcomeBase, TRecorded extends RecordedRequestBase> {
  /** Validates like POST /_control/next; throws a ZodError on bad input. */
  enqueue(next: TInput): TQueued;
  clear(): void;
  /** The outcome for the next analysed check; `real` when nothing is queued. */
  takeNext(): NextOutcomeOf<TQueued>;
  record(entry: TRecorded): void;
  snapshot(): { queue: TQueued[]; recentRequests: TRecorded[] };
}

export function createSimulatorControl<TSchema extends z.ZodType<QueuedOutcomeBase>, TRecorded extends RecordedRequestBase>(
  schema: TSchema,
  options: { historySize?: number } = {},
): SimulatorControl<z.input<TSchema>, z.output<TSchema>, TRecorded> {
  type Queued = z.output<TSchema>;
  const historySize = options.historySize ?? DEFAULT_HISTORY_SIZE;
  const queue: Queued[] = [];
  const history: TRecorded[] = [];
  return {
    enqueue(next) {
      const parsed = schema.parse(next);
      queue.push(parsed);
      return parsed;
    },
    clear() {
      queue.length = 0;
    },
    takeNext() {
      const head = queue[0];
      // Every vendor field of an outcome is optional, so a bare `real` is a valid one.
      if (!head) return { outcome: 'real' } as NextOutcomeOf<Queued>;
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
      // Deep copies of the history: an entry's answer and form are objects a caller must not be able to change.
      return { queue: queue.map((q) => ({ ...q })), recentRequests: history.map((h) => structuredClone(h)) };
    },
  };
}

/** `headersWithoutSecrets` for one vendor: request headers minus credentials and its own token headers (lowercase). */
export function headersWithoutSecretsFor(vendorSecretHeaders: readonly string[]) {
  const hidden = new Set<string>([...ALWAYS_HIDDEN_HEADERS, ...vendorSecretHeaders]);
  return (headers: Record<string, string | string[] | undefined>): Record<string, string> => {
    const shown: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || hidden.has(name.toLowerCase())) continue;
      shown[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return shown;
  };
}
