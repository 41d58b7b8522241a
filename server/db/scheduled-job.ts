/**
 * Jobs that run once per deployment per interval, whichever process gets there first: a row per
 * job in `scheduled_jobs` says who runs it now (a lease) and when it last started, both on the
 * database clock. The retention purge and the expiry sweeps go through here, so N processes do
 * not purge N times, nor side by side.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from './client.js';
import type { Db } from './database.js';

export interface ScheduledJob {
  name: string;
  /** Not started again sooner than this after its last start (by any process). */
  minGapMs: number;
  /** Longer than a run can take: a process that dies mid-run holds the job this long. */
  leaseMs: number;
}

/** Runs `job` here unless another process runs it now or started it less than minGapMs ago; true when it ran here. */
export async function runOncePerDeployment(db: Db, job: ScheduledJob, owner: string, run: () => Promise<void>): Promise<boolean> {
  await db.execute(sql`insert into scheduled_jobs (name) values (${job.name}) on conflict do nothing`);
  const claimed = rowsOf<{ name: string }>(
    await db.execute(sql`
      update scheduled_jobs
      set lease_owner = ${owner}, lease_until = now() + ${job.leaseMs}::double precision * interval '1 millisecond',
          last_started_at = now()
      where name = ${job.name}
        and (lease_owner is null or lease_until < now())
        and (last_started_at is null or last_started_at <= now() - ${job.minGapMs}::double precision * interval '1 millisecond')
      returning name`),
  );
  if (claimed.length === 0) return false;
  try {
    await run();
  } finally {
    await db.execute(sql`
      update scheduled_jobs set lease_owner = null, lease_until = null where name = ${job.name} and lease_owner = ${owner}`);
  }
  return true;
}
