/** The one thing the shared quotas need from PostgreSQL: run a statement, get its rows. */
export type QuotaSql = (text: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** A `QuotaSql` over a `pg` pool (or client). */
export function quotaSqlOf(pool: {
  query(text: string, params: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}): QuotaSql {
  return async (text, params) => (await pool.query(text, params)).rows;
}

export const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
