/**
 * An error as it may be logged. Database errors (Drizzle's DrizzleQueryError, pg's and PGlite's
 * errors) carry the failed query with its parameters — a case's telemetry, consent, emails — in
 * their message and fields, so only their class, SQLSTATE and the table or constraint name are
 * kept. Other errors keep a short message and the top of their stack.
 */
export interface SafeError {
  type: string;
  code?: string;
  message?: string;
  table?: string;
  constraint?: string;
  stack?: string;
}

type ErrorLike = Error & {
  code?: unknown;
  query?: unknown;
  params?: unknown;
  severity?: unknown;
  table?: unknown;
  constraint?: unknown;
};

const isDatabaseError = (e: ErrorLike): boolean =>
  'query' in e || 'params' in e || 'severity' in e || ['DrizzleQueryError', 'DatabaseError'].includes(className(e));

/** DrizzleQueryError and pg's DatabaseError leave `name` as "Error" / "error": the class says more (unless minified). */
function className(e: Error): string {
  const name = e.constructor?.name;
  return name && name !== 'Error' && name.length > 2 ? name : e.name;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, 80) : undefined);

export function safeError(err: unknown): SafeError {
  if (!(err instanceof Error)) return { type: typeof err };
  const chain: ErrorLike[] = [];
  for (let e: unknown = err; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e as ErrorLike);
  const database = chain.find(isDatabaseError);
  if (database) {
    const withCode = chain.find((e) => typeof e.code === 'string');
    const withTable = chain.find((e) => typeof e.table === 'string' || typeof e.constraint === 'string');
    return {
      type: chain.map(className).join(' < '),
      code: text(withCode?.code),
      table: text(withTable?.table),
      constraint: text(withTable?.constraint),
    };
  }
  const e = err as ErrorLike;
  return {
    type: className(e),
    code: text(e.code),
    message: e.message.slice(0, 200),
    // Frames only: the first line repeats the message.
    stack: e.stack?.split('\n').slice(1, 9).join('\n'),
  };
}
