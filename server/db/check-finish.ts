/**
 * A check's finish as one call in the database: its outcome written (only while `owner` holds its lease, when given),
 * its case's status derived from all the case's checks and stored, and its check.finished audit row. PL/pgSQL, not
 * one SQL statement: the same work as a single statement of CTEs took PGlite ~13 ms per check to plan each time (the
 * proxy bench), where a PL/pgSQL function plans its statements once per session. The status rule is
 * server/cases/status.ts `deriveCaseStatus` (tested equal in server/cases/check-writes.test.ts): processing while
 * any check is pending or running; else a retake when a check ended in an error of category retake (its
 * retakeReason, or poor_quality; the oldest such check's when several did); else done. Returns the case's new status,
 * or null when the check was not written (the lease was taken over). Installed after the migrations on every open
 * (idempotent), on PGlite and PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './database.js';

export async function ensureCheckFinishFunction(db: Db): Promise<void> {
  await db.execute(sql`
    CREATE OR REPLACE FUNCTION finish_check(p_check text, p_owner text, p_status text, p_outcome jsonb,
                                            p_finished_at timestamptz, p_audit jsonb) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE
      v_case text;
      v_status text;
      v_reason text;
    BEGIN
      UPDATE checks SET status = p_status, outcome = p_outcome, finished_at = p_finished_at, lease_owner = NULL, lease_until = NULL
        WHERE id = p_check AND (p_owner IS NULL OR lease_owner = p_owner)
        RETURNING case_id INTO v_case;
      IF NOT FOUND THEN
        RETURN NULL;
      END IF;
      IF EXISTS (SELECT 1 FROM checks WHERE case_id = v_case AND status IN ('pending', 'running')) THEN
        v_status := 'processing';
      ELSE
        SELECT coalesce(outcome->>'retakeReason', 'poor_quality') INTO v_reason FROM checks
          WHERE case_id = v_case AND outcome->>'kind' = 'error' AND outcome->>'category' = 'retake'
          ORDER BY created_at, id LIMIT 1;
        v_status := CASE WHEN v_reason IS NULL THEN 'done' ELSE 'retake' END;
      END IF;
      UPDATE cases SET status = v_status, retake_reason = v_reason WHERE id = v_case;
      -- The row server/audit/log.ts record() writes for a system actor.
      IF p_audit IS NOT NULL THEN
        INSERT INTO audit_events (actor_type, action, case_id, detail) VALUES ('system', 'check.finished', v_case, p_audit);
      END IF;
      RETURN v_status;
    END
    $$`);
}
