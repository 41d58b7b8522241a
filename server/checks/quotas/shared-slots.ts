/**
 * A vendor's concurrency cap held for the whole deployment: `maxConcurrent` slot rows per vendor in PostgreSQL
 * (vendor_slots), each taken by one request of one process with a lease on the database clock. A process renews its
 * leases while it runs, so a process that dies (kill -9, lost host) frees its slots when they run out, and only then.
 * Each process queues its own waiters (FIFO); the first in line polls for a free slot, and a slot this process frees
 * goes to its next waiter at once. A release carries the claim it was granted, so it can never free a slot that
 * expired and was taken over by someone else.
 */
import { randomUUID } from 'node:crypto';
import type { RateGate } from '../rate-gate.js';
import { defaultSleep, type QuotaSql } from './sql.js';

export interface SharedSlotsOptions {
  sql: QuotaSql;
  vendor: string;
  maxConcurrent: number;
  /** This process (its leases are renewed together). */
  owner: string;
  /** How long a slot outlives a process that stopped renewing it. */
  leaseMs?: number;
  /** How often the first waiter looks for a slot freed by another process. */
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SharedSlots extends RateGate {
  /** Stops renewing (the process is going away; what it still holds is freed by its lease). */
  close(): void;
}

export const DEFAULT_SLOT_LEASE_MS = 15_000;

const ENSURE = `INSERT INTO vendor_slots (vendor, slot) SELECT $1, n FROM generate_series(0, $2::int - 1) AS n ON CONFLICT DO NOTHING`;

// The lowest free or expired slot under this process's cap; SKIP LOCKED so that processes claiming at once take
// different rows instead of queueing on one.
const CLAIM = `
UPDATE vendor_slots s SET owner = $2, claim = $3, lease_until = clock_timestamp() + make_interval(secs => $4::float8 / 1000)
WHERE (s.vendor, s.slot) = (
  SELECT vendor, slot FROM vendor_slots
  WHERE vendor = $1 AND slot < $5 AND (claim IS NULL OR lease_until < clock_timestamp())
  ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
RETURNING s.slot`;

const RELEASE = `UPDATE vendor_slots SET owner = NULL, claim = NULL, lease_until = NULL WHERE vendor = $1 AND claim = $2`;

const RENEW = `
UPDATE vendor_slots SET lease_until = clock_timestamp() + make_interval(secs => $3::float8 / 1000)
WHERE vendor = $1 AND owner = $2 AND claim IS NOT NULL`;

export function createSharedSlots(options: SharedSlotsOptions): SharedSlots {
  const sleep = options.sleep ?? defaultSleep;
  const leaseMs = options.leaseMs ?? DEFAULT_SLOT_LEASE_MS;
  const pollMs = options.pollMs ?? 50;
  const waiters: Array<(release: () => void) => void> = [];
  // Slots this process holds in the table (a released one until the row says free) and requests still running.
  let held = 0;
  let running = 0;
  let pumping = false;
  let ensured: Promise<unknown> | undefined;

  const renewal = setInterval(() => {
    if (held > 0) options.sql(RENEW, [options.vendor, options.owner, leaseMs]).catch(() => {});
  }, leaseMs / 3);
  renewal.unref();

  async function claim(): Promise<string | undefined> {
    ensured ??= options.sql(ENSURE, [options.vendor, options.maxConcurrent]).catch((error: unknown) => {
      ensured = undefined;
      throw error;
    });
    await ensured;
    const id = randomUUID();
    const rows = await options.sql(CLAIM, [options.vendor, options.owner, id, leaseMs, options.maxConcurrent]);
    return rows.length > 0 ? id : undefined;
  }

  function releaseOf(id: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      running -= 1;
      // The slot is free for the next waiter as soon as the row says so; a failed write is freed by the lease.
      options
        .sql(RELEASE, [options.vendor, id])
        .catch(() => {})
        .finally(() => {
          held -= 1;
          void pump();
        });
    };
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (waiters.length > 0) {
        let id: string | undefined;
        try {
          id = held < options.maxConcurrent ? await claim() : undefined;
        } catch {
          id = undefined;
        }
        if (id === undefined) {
          // All taken (here or elsewhere), or the database did not answer: our own releases restart the pump.
          if (held >= options.maxConcurrent) return;
          await sleep(pollMs);
          continue;
        }
        held += 1;
        running += 1;
        waiters.shift()!(releaseOf(id));
      }
    } finally {
      pumping = false;
    }
  }

  return {
    acquire() {
      return new Promise<() => void>((resolve) => {
        waiters.push(resolve);
        void pump();
      });
    },
    backOff() {},
    stats: () => ({ inFlight: running, queued: waiters.length }),
    close() {
      clearInterval(renewal);
    },
  };
}
