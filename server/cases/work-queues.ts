/** Which rows are work still to do, for the processes that claim them (server/db/work-queue.ts). */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { CHECK_LEASES, SCREENING_LEASES } from '../db/leases.js';
import { createWorkQueue, type WorkQueue, type WorkQueueOptions } from '../db/work-queue.js';
import { cases, checks } from '../db/schema.js';

export type WorkQueueSettings = Pick<WorkQueueOptions, 'leaseMs' | 'log' | 'owner'>;

/** Checks pending or running (sent and not answered yet), oldest first. */
export const checkWorkQueue = (db: Db, o: WorkQueueSettings): WorkQueue =>
  createWorkQueue({
    db,
    columns: CHECK_LEASES,
    unfinished: sql`${checks.status} in ('pending', 'running')`,
    orderBy: sql`${checks.createdAt}`,
    ...o,
  });

/** Cases whose capture screening is pending, oldest first. */
export const screeningWorkQueue = (db: Db, o: WorkQueueSettings): WorkQueue =>
  createWorkQueue({
    db,
    columns: SCREENING_LEASES,
    unfinished: sql`${cases.integrity}->>'status' = 'pending'`,
    orderBy: sql`${cases.createdAt}`,
    ...o,
  });
