/**
 * Makes audit_events append-only in the database itself: UPDATE, DELETE and TRUNCATE raise an
 * error whatever code or person runs them. Installed after the migrations on every open (the
 * statements are idempotent), so it survives migration renumbering and works on PGlite and PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './database.js';

export async function ensureAuditAppendOnly(db: Db): Promise<void> {
  await db.execute(sql`
    CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END
    $$`);
  await db.execute(sql`
    CREATE OR REPLACE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
  await db.execute(sql`
    CREATE OR REPLACE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
}
