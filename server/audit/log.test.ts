/** The audit log is append-only in the database itself, on PGlite and (where installed) PostgreSQL. */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { auditEvents } from '../db/schema.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { createAuditLog } from './log.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

describe.each(stores)('audit log on %s', (_name, open) => {
  it('records events in order and refuses UPDATE, DELETE and TRUNCATE', async () => {
    const store = await open();
    try {
      const audit = createAuditLog(store.db);
      await audit.record({
        actor: { type: 'capture' },
        action: 'case.created',
        caseId: 'a1',
        detail: { providers: ['tencent'] },
      });
      await audit.record({ actor: { type: 'user', id: 'u1', email: 'r@x' }, action: 'case.viewed', caseId: 'a1' });
      await audit.record({ actor: { type: 'system' }, action: 'auth.login_failed', detail: { email: 'x' } });
      const events = await audit.forCase('a1');
      expect(events.map((e) => [e.action, e.actor])).toEqual([
        ['case.created', { type: 'capture' }],
        ['case.viewed', { type: 'user', id: 'u1', email: 'r@x' }],
      ]);
      await expect(store.db.update(auditEvents).set({ action: 'tampered' })).rejects.toThrow();
      await expect(store.db.delete(auditEvents)).rejects.toThrow();
      await expect(store.db.execute(sql`truncate audit_events`)).rejects.toThrow();
      expect((await audit.forCase('a1')).map((e) => e.action)).toEqual(['case.created', 'case.viewed']);
    } finally {
      await store.close();
    }
  });
});
