/** Writes the demo month (./scenarios.ts) in one transaction, and removes every seeded case in one statement. */
import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, checks, decisions } from '../db/schema.js';
import { DEMO_TOKEN_HASH, type DemoRows } from './scenarios.js';

export function createDemoStore(db: Db) {
  return {
    async insert(rows: DemoRows): Promise<number> {
      await db.transaction(async (tx) => {
        await tx.insert(cases).values(rows.cases);
        // The checks' trigger fills the queue's filter columns (verdicts, providers, disagreement) as for any case.
        await tx.insert(checks).values(rows.checks);
        if (rows.decisions.length > 0) await tx.insert(decisions).values(rows.decisions);
      });
      return rows.cases.length;
    },

    /** Checks and decisions go with their cases (foreign keys cascade); the audit record stays. */
    async removeAll(): Promise<number> {
      const removed = await db.delete(cases).where(eq(cases.captureTokenHash, DEMO_TOKEN_HASH)).returning({ id: cases.id });
      return removed.length;
    },

    async seededCount(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(cases).where(eq(cases.captureTokenHash, DEMO_TOKEN_HASH));
      return row?.n ?? 0;
    },
  };
}

export type DemoStore = ReturnType<typeof createDemoStore>;
