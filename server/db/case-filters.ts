/**
 * Keeps the queue's filter columns on `cases` (verdicts, providers, disagreement) in step with the
 * case's checks, in the database itself: a trigger on `checks` refreshes its case after every insert
 * or update of the columns they derive from, whichever code path wrote the check (capture, runner,
 * re-run, resume) — not on lease heartbeats, nor on a check starting. PL/pgSQL, not SQL: PostgreSQL (before 18) plans
 * a SQL function's body on every call, PL/pgSQL once per session (the proxy bench's CPU profile: planning this
 * UPDATE on every check write was the largest part of the embedded database's time). The queue then
 * filters 100k cases by index instead of scanning every check. Installed after the migrations on
 * every open (idempotent), on PGlite and PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './database.js';

export async function ensureCaseFilterTrigger(db: Db): Promise<void> {
  await db.execute(sql`
    CREATE OR REPLACE FUNCTION refresh_case_filters(target text) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE cases SET
        -- result verdicts, plus 'error' for a check that ended in error (the queue's verdict filter)
        verdicts = coalesce((SELECT array_agg(DISTINCT v ORDER BY v) FROM (
            SELECT CASE WHEN k.status = 'error' THEN 'error'
                        WHEN k.outcome->>'kind' = 'result' THEN k.outcome->>'verdict' END AS v
            FROM checks k WHERE k.case_id = target) s WHERE v IS NOT NULL), '{}'),
        providers = coalesce((SELECT array_agg(DISTINCT k.provider_id ORDER BY k.provider_id)
            FROM checks k WHERE k.case_id = target), '{}'),
        -- same rule as status.ts hasDisagreement: more than one distinct result verdict among the vendors
        disagreement = (SELECT count(DISTINCT k.outcome->>'verdict') FROM checks k
            WHERE k.case_id = target AND k.outcome->>'kind' = 'result' AND k.provider_id <> 'local') > 1
      WHERE id = target;
    END
    $$`);
  await db.execute(sql`
    CREATE OR REPLACE FUNCTION checks_refresh_case_filters() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM refresh_case_filters(NEW.case_id);
      RETURN NULL;
    END
    $$`);
  await db.execute(sql`
    CREATE OR REPLACE TRIGGER checks_refresh_case_filters AFTER INSERT ON checks
    FOR EACH ROW EXECUTE FUNCTION checks_refresh_case_filters()`);
  // Only the writes that can change a filter: a check starting (pending → running) or retried changes none.
  await db.execute(sql`
    CREATE OR REPLACE TRIGGER checks_refresh_case_filters_update AFTER UPDATE OF case_id, provider_id, status, outcome ON checks
    FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.provider_id IS DISTINCT FROM NEW.provider_id
      OR OLD.outcome IS DISTINCT FROM NEW.outcome OR (OLD.status = 'error') IS DISTINCT FROM (NEW.status = 'error'))
    EXECUTE FUNCTION checks_refresh_case_filters()`);
}

/** Recomputes every case's filter columns (after a migration that adds them to existing rows). */
export async function backfillCaseFilters(db: Db): Promise<void> {
  await db.execute(sql`SELECT refresh_case_filters(id) FROM cases WHERE providers = '{}'`);
}
