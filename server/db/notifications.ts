/**
 * "New work" notifications between processes: triggers NOTIFY `work_ready` when a check or a
 * pending capture screening is inserted, and every process LISTENs, so work stored by one process
 * is picked up at once by any. A lost notification costs only time: the claimers also poll.
 */
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from './database.js';

export const WORK_READY = 'work_ready';
/** The payloads of WORK_READY. */
export type WorkKind = 'checks' | 'screenings';

/** Installed after the migrations on every open (idempotent), on PGlite and PostgreSQL. */
export async function ensureWorkNotifications(db: Db): Promise<void> {
  await db.execute(sql`
    CREATE OR REPLACE FUNCTION notify_work_ready() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('work_ready', TG_ARGV[0]);
      RETURN NULL;
    END
    $$`);
  // One notification per statement (a capture inserts its checks in one statement).
  await db.execute(sql`
    CREATE OR REPLACE TRIGGER checks_notify_work AFTER INSERT ON checks
    FOR EACH STATEMENT EXECUTE FUNCTION notify_work_ready('checks')`);
  await db.execute(sql`
    CREATE OR REPLACE TRIGGER cases_notify_screening AFTER INSERT ON cases
    FOR EACH ROW WHEN (NEW.integrity->>'status' = 'pending') EXECUTE FUNCTION notify_work_ready('screenings')`);
}

export type Unlisten = () => Promise<void>;

/**
 * LISTEN on PostgreSQL through a connection of its own (a pooled one would be handed to other
 * queries). A dropped connection is re-opened after `retryMs`; polling covers the gap.
 */
export async function listenOnPostgres(
  connect: () => pg.Client,
  channel: string,
  onNotify: (payload: string) => void,
  retryMs = 5000,
): Promise<Unlisten> {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  async function open(): Promise<void> {
    const c = connect();
    client = c;
    const reopen = () => {
      if (closed || client !== c) return;
      client = undefined;
      c.end().catch(() => {});
      retry = setTimeout(() => void open().catch(reopen), retryMs);
      retry.unref();
    };
    c.on('error', reopen);
    c.on('end', reopen);
    c.on('notification', (n) => {
      if (n.channel === channel) onNotify(n.payload ?? '');
    });
    await c.connect();
    await c.query(`LISTEN ${channel}`);
  }

  try {
    await open();
  } catch (err) {
    closed = true;
    await client?.end().catch(() => {});
    throw err;
  }
  return async () => {
    closed = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
