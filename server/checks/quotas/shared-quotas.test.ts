/**
 * The vendor quotas shared by several processes: each "process" here is a `pg` pool of its own with its own gates,
 * all on one throwaway PostgreSQL (skipped where PostgreSQL is not installed).
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../test-support/postgres.js';
import type { GatewayHealth } from '../vendor-gateway.js';
import { createDeploymentHealth } from './deployment-health.js';
import { createSharedRateGate } from './shared-rate-gate.js';
import { createSharedSlots } from './shared-slots.js';
import { quotaSqlOf, type QuotaSql } from './sql.js';

const postgres = await startThrowawayPostgres();
const pools: pg.Pool[] = [];
if (postgres) await (await openStore({ databaseUrl: postgres.url })).close(); // migrations
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  (postgres as ThrowawayPostgres | undefined)?.stop();
});

/** One more "process": its own connections. */
function processSql(): QuotaSql {
  const pool = new pg.Pool({ connectionString: postgres!.url, max: 4 });
  pools.push(pool);
  return quotaSqlOf(pool);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Most starts in any sliding second (window closed at both ends: the strictest reading of the vendor's count). */
function maxPerSecond(startedAt: number[]): number {
  return Math.max(...startedAt.map((t) => startedAt.filter((s) => s >= t && s <= t + 1000).length));
}

describe.skipIf(!postgres)('vendor quotas shared through PostgreSQL', () => {
  it('holds a vendor rate across processes: never more than the rate in a second, evenly spaced, the quota used', async () => {
    const rate = 5;
    const gates = [processSql(), processSql()].map((sql) =>
      createSharedRateGate({ sql, key: 'tencent test-rate', ratePerSecond: rate }),
    );
    const startedAt: number[] = [];
    const t0 = performance.now();
    // Two processes, six checks in flight each: 16 requests between them.
    await Promise.all(
      gates.flatMap((gate) =>
        Array.from({ length: 8 }, async () => {
          (await gate.acquire())();
          startedAt.push(performance.now() - t0);
        }),
      ),
    );
    startedAt.sort((a, b) => a - b);
    expect(startedAt).toHaveLength(16);
    expect(maxPerSecond(startedAt)).toBeLessThanOrEqual(rate);
    const gaps = startedAt.slice(1).map((t, i) => t - startedAt[i]!);
    // Interval (1000 + 30) / 5 = 206 ms. The times are observed by this (possibly loaded) test process after each
    // send, so a stalled event loop shortens one gap and lengthens the next: the bound is loose, but a burst
    // (two sends in one slot, gap ≈ 0) still fails it.
    expect(Math.min(...gaps)).toBeGreaterThan(120);
    // …and no idling: 15 intervals, not much more.
    expect(startedAt.at(-1)! - startedAt[0]!).toBeLessThan(15 * 206 + 1500);
  });

  it('hands slots over ahead of time when asked, each with when it begins, evenly spaced', async () => {
    const gate = createSharedRateGate({ sql: processSql(), key: 'tencent test-ahead', ratePerSecond: 5, grantAheadMs: 150 });
    const slots: Array<{ grantedAt: number; sendAt: number; sendBy: number }> = [];
    for (let i = 0; i < 4; i++) {
      const release = await gate.acquire();
      const grantedAt = performance.now();
      slots.push({ grantedAt, sendAt: release.sendAt ?? grantedAt, sendBy: release.sendBy! });
    }
    // The first slot begins at once; each later one is granted about 150 ms before it begins, 206 ms after the last.
    // Each may leave up to the slack (30 ms) late, less how unsure this process is of the database's clock.
    for (const [i, slot] of slots.entries()) {
      expect(slot.sendBy - slot.sendAt).toBeGreaterThan(0);
      expect(slot.sendBy - slot.sendAt).toBeLessThanOrEqual(30);
      if (i === 0) continue;
      expect(slot.sendAt - slot.grantedAt).toBeGreaterThan(50);
      // 206 ms apart, give or take this process's reading of the database clock (a round trip's jitter under load).
      expect(slot.sendAt - slots[i - 1]!.sendAt).toBeGreaterThan(190);
      expect(slot.sendAt - slots[i - 1]!.sendAt).toBeLessThan(222);
    }
  });

  it('pauses every process when one is told to slow down', async () => {
    const [a, b] = [processSql(), processSql()].map((sql) =>
      createSharedRateGate({ sql, key: 'alibaba test-pause', ratePerSecond: 10 }),
    );
    (await a!.acquire())();
    const t0 = performance.now();
    a!.backOff(600);
    await sleep(20); // the pause is written without waiting
    (await b!.acquire())();
    expect(performance.now() - t0).toBeGreaterThan(550);
  });

  it('caps concurrency across processes and frees a slot as soon as its holder is done', async () => {
    const cap = 3;
    const gates = [processSql(), processSql()].map((sql, i) =>
      createSharedSlots({ sql, vendor: 'glair-test-cap', maxConcurrent: cap, owner: `p${i}`, pollMs: 10 }),
    );
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      gates.flatMap((gate) =>
        Array.from({ length: 6 }, async () => {
          const release = await gate.acquire();
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await sleep(40);
          inFlight -= 1;
          release();
        }),
      ),
    );
    expect(peak).toBe(cap);
    for (const gate of gates) {
      expect(gate.stats()).toEqual({ inFlight: 0, queued: 0 });
      gate.close();
    }
  });

  it("frees a dead process's slot when its lease runs out, not before", async () => {
    const options = { vendor: 'finauth-test-lease', maxConcurrent: 1, leaseMs: 600, pollMs: 20 };
    const dead = createSharedSlots({ ...options, sql: processSql(), owner: 'dead' });
    await dead.acquire(); // never released…
    dead.close(); // …and never renewed again: the process is gone
    const alive = createSharedSlots({ ...options, sql: processSql(), owner: 'alive' });
    const t0 = performance.now();
    const release = await alive.acquire();
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThan(400);
    expect(waited).toBeLessThan(2000);
    release();
    alive.close();
  });

  it("keeps a live holder's slot past the lease time by renewing it", async () => {
    const options = { vendor: 'finauth-test-renew', maxConcurrent: 1, leaseMs: 300, pollMs: 20 };
    const holder = createSharedSlots({ ...options, sql: processSql(), owner: 'holder' });
    const release = await holder.acquire();
    const other = createSharedSlots({ ...options, sql: processSql(), owner: 'other' });
    let granted = false;
    const waiting = other.acquire().then((r) => {
      granted = true;
      return r;
    });
    await sleep(900);
    expect(granted).toBe(false);
    release();
    (await waiting)();
    holder.close();
    other.close();
  });

  it('shows the health of the whole deployment, leaving out processes that stopped reporting', async () => {
    const health = (over: Partial<GatewayHealth>): GatewayHealth => ({
      state: 'closed',
      consecutiveFailures: 0,
      inFlight: 0,
      queued: 0,
      waitingOnCircuit: 0,
      ...over,
    });
    const sqlA = processSql();
    const sqlB = processSql();
    const a = createDeploymentHealth({
      sql: sqlA,
      process: 'A',
      local: () => new Map([['tencent', health({ inFlight: 2, queued: 1 })]]),
    });
    const b = createDeploymentHealth({
      sql: sqlB,
      process: 'B',
      local: () =>
        new Map([
          [
            'tencent',
            health({ state: 'open', consecutiveFailures: 5, retryAt: 1234, inFlight: 3, waitingOnCircuit: 4, queued: 4 }),
          ],
        ]),
    });
    await a.start();
    await b.start();
    expect((await a.combined()).get('tencent')).toEqual({
      state: 'open',
      consecutiveFailures: 5,
      retryAt: 1234,
      inFlight: 5,
      queued: 5,
      waitingOnCircuit: 4,
      processes: 2,
    });
    // B dies: it stops writing, and its last snapshot ages.
    await b.stop().catch(() => {});
    await sqlB(
      `INSERT INTO provider_health_snapshots (process, provider, health, updated_at) VALUES ('B', 'tencent', $1, clock_timestamp() - interval '1 minute')`,
      [JSON.stringify(health({ inFlight: 9 }))],
    );
    expect((await a.combined()).get('tencent')).toMatchObject({ state: 'closed', inFlight: 2, processes: 1 });
    await a.stop();
  });
});
