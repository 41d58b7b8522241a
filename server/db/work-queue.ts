/**
 * One process's side of a table of leased work (checks, capture screenings): claims rows, keeps
 * their leases alive while it works on them (heartbeat every third of the lease), and wakes its
 * owner to claim more on a poll and on every `work_ready` notification from any process.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from './database.js';
import { claimLeases, leaseFree, newLeaseOwner, releaseLeases, renewLeases, type LeaseColumns } from './leases.js';
import { WORK_READY, type Unlisten, type WorkKind } from './notifications.js';

export interface LeaseSettings {
  /** How long a claim holds without a heartbeat: a dead process's work waits this long. */
  leaseMs: number;
  /** How often the claimers look for work nobody holds (notifications make it sooner). */
  pollMs: number;
}

export const DEFAULT_LEASES: LeaseSettings = { leaseMs: 30_000, pollMs: 2_000 };

export interface WorkQueueOptions {
  db: Db;
  columns: LeaseColumns;
  /** The rows still to be done, whoever holds them. */
  unfinished: SQL;
  orderBy: SQL;
  leaseMs: number;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  /** The holder's name; a new one per queue by default (two queues act as two processes). */
  owner?: string;
}

export interface WorkQueue {
  readonly owner: string;
  /** Claims this row if it is unfinished and free (or already ours); true when we hold it now. */
  claim(id: string): Promise<boolean>;
  /** Claims up to `limit` unfinished free rows, in order. */
  claimNext(limit: number): Promise<string[]>;
  /** Stops renewing the row's lease (its final write cleared it, or it is left to run out). */
  forget(id: string): void;
  /** Gives the leases on `ids` back now (shutdown), so another process takes them at once. */
  release(ids: string[]): Promise<void>;
}

export function createWorkQueue(o: WorkQueueOptions): WorkQueue {
  const owner = o.owner ?? newLeaseOwner();
  const held = new Set<string>();
  let heartbeat: NodeJS.Timeout | undefined;

  async function renew(): Promise<void> {
    const ids = [...held];
    try {
      const kept = new Set(await renewLeases(o.db, o.columns, owner, ids, o.leaseMs));
      const lost = ids.filter((id) => !kept.has(id) && held.has(id));
      // Only when this process stalled past its lease (or its clock was stopped): the work may now run twice.
      if (lost.length > 0) o.log.warn({ table: o.columns.table, lost }, 'work leases were taken over by another process');
    } catch (err) {
      o.log.error({ err, table: o.columns.table }, 'could not renew work leases; retrying at the next heartbeat');
    }
  }

  function hold(ids: string[]): void {
    for (const id of ids) held.add(id);
    if (!heartbeat && held.size > 0) {
      heartbeat = setInterval(() => void renew(), Math.max(100, Math.floor(o.leaseMs / 3)));
      heartbeat.unref();
    }
  }

  function forget(id: string): void {
    held.delete(id);
    if (held.size === 0) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  }

  const claim = (claimable: SQL, limit: number) =>
    claimLeases(o.db, o.columns, { owner, leaseMs: o.leaseMs, claimable, orderBy: o.orderBy, limit });

  return {
    owner,
    async claim(id) {
      const mine = sql`${sql.identifier(o.columns.owner)} = ${owner}`;
      const ids = await claim(sql`id = ${id} and ${o.unfinished} and (${leaseFree(o.columns)} or ${mine})`, 1);
      hold(ids);
      return ids.length === 1;
    },
    async claimNext(limit) {
      const ids = await claim(sql`${o.unfinished} and ${leaseFree(o.columns)}`, limit);
      hold(ids);
      return ids;
    },
    forget,
    async release(ids) {
      ids.forEach(forget);
      await releaseLeases(o.db, o.columns, owner, ids);
    },
  };
}

export interface Poller {
  start(listen?: (channel: string, onNotify: (payload: string) => void) => Promise<Unlisten>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs `pass` every `pollMs` and soon after each `work_ready` notification of `kind`; one pass at
 * a time, and a wake-up during a pass runs another right after it.
 */
export function createPoller(
  kind: WorkKind,
  pollMs: number,
  pass: () => Promise<unknown>,
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>,
): Poller {
  let timer: NodeJS.Timeout | undefined;
  let unlisten: Unlisten | undefined;
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopped = true;

  function tick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((err: unknown) => log.error({ err, kind }, 'claiming work failed; trying again at the next poll'))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          tick();
        }
      });
  }

  return {
    async start(listen) {
      stopped = false;
      timer = setInterval(tick, pollMs);
      timer.unref();
      if (listen) {
        try {
          unlisten = await listen(WORK_READY, (payload) => {
            if (payload === kind) tick();
          });
        } catch (err) {
          log.warn({ err, kind }, 'cannot listen for new work; polling only');
        }
      }
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unlisten?.();
      unlisten = undefined;
      await running;
    },
  };
}
