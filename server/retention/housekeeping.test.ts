/**
 * The retention purge and the expiry sweeps run once per deployment per interval (issue 14 item 4):
 * two processes (two connection pools on one PostgreSQL) ticking together run them once, never side
 * by side; each still tidies its own media directory.
 */
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { sleep } from '../checks/gateway.test-helpers.js';
import { startThrowawayPostgres } from '../test-support/postgres.js';
import { createHousekeeping, type Housekeeping } from './housekeeping.js';

const pg = await startThrowawayPostgres();
const stores: Store[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  pg?.stop();
});

const INTERVAL_MS = 1_000;

it.skipIf(!pg)(
  'two processes ticking together purge and expire once per interval, one at a time',
  async () => {
    const runs: string[] = [];
    let running = 0;
    let overlapped = false;
    const leftovers: string[] = [];
    async function processHousekeeping(name: string): Promise<Housekeeping> {
      const store = await openStore({ databaseUrl: pg!.url });
      stores.push(store);
      const step = (what: string) => async () => {
        runs.push(`${name}:${what}`);
        return 0;
      };
      return createHousekeeping({
        db: store.db,
        retention: {
          async purgeDue() {
            running++;
            overlapped ||= running > 1;
            runs.push(`${name}:purge`);
            await sleep(300);
            running--;
            return 0;
          },
        },
        deleteExpiredSessions: step('sessions'),
        deleteStaleLoginThrottles: step('throttle'),
        expireCaptureSessions: step('capture-sessions'),
        media: {
          async removeLeftovers() {
            leftovers.push(name);
            return { staged: 0, orphans: 0, adopted: 0 };
          },
        },
        log: pino({ level: 'silent' }),
        intervalMs: INTERVAL_MS,
      });
    }
    const [a, b] = [await processHousekeeping('a'), await processHousekeeping('b')];

    const first = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(runs.filter((r) => r.endsWith(':purge'))).toHaveLength(1);
    const who = runs[0]!.split(':')[0];
    expect(runs).toEqual(['purge', 'sessions', 'throttle', 'capture-sessions'].map((s) => `${who}:${s}`));
    // Within the interval nobody runs it again…
    expect(await Promise.all([a.runOnce(), b.runOnce()])).toEqual([false, false]);
    // …after it, one of them does.
    await sleep(INTERVAL_MS);
    expect((await Promise.all([b.runOnce(), a.runOnce()])).filter(Boolean)).toHaveLength(1);
    expect(runs.filter((r) => r.endsWith(':purge'))).toHaveLength(2);
    expect(overlapped).toBe(false);
    expect(leftovers.sort()).toEqual(['a', 'a', 'a', 'b', 'b', 'b']);
  },
  60_000,
);
