/**
 * The login throttle's counters in the database, on PGlite and (where installed) PostgreSQL.
 * Time passes by moving the stored times back (`elapse`), since the throttle reads the database clock.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, rowsOf, type Db, type Store } from '../db/client.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { createLoginThrottle, KNOWN_ADDRESS_DAYS, type Reservation, type ThrottleOptions } from './throttle.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const OPTIONS: ThrottleOptions = {
  failuresBeforeDelay: 5,
  maxFailuresPerAddress: 20,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  maxFailuresPerAccount: 100,
  accountDelayMs: 5_000,
  windowMs: 60 * 60_000,
};

/** Moves every stored time `ms` into the past: as if `ms` had passed. */
async function elapse(db: Db, ms: number): Promise<void> {
  await db.execute(sql`update login_attempts set
    updated_at = updated_at - ${ms}::float8 * interval '1 millisecond',
    next_allowed_at = next_allowed_at - ${ms}::float8 * interval '1 millisecond'`);
}

const refusedFor = (r: Reservation) => (r.allowed ? 0 : r.retryAfterMs);
let unique = 0;
const email = () => `user-${++unique}@test.local`;

describe.each(stores)('login throttle on %s', (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
  }, 60_000);
  afterAll(async () => store?.close());

  it('counts a parallel burst before any verification: 60 attempts, exactly the allowance let through', async () => {
    const throttle = createLoginThrottle(store.db, OPTIONS);
    const victim = email();
    const results = await Promise.all(Array.from({ length: 60 }, () => throttle.reserve(victim, '10.1.0.1')));
    expect(results.filter((r) => r.allowed)).toHaveLength(OPTIONS.failuresBeforeDelay);
    // About the first 30 s wait; the burst itself can take seconds of real time on a loaded machine.
    for (const r of results.filter((x) => !x.allowed)) expect(refusedFor(r)).toBeGreaterThan(25_000);
    // Refused attempts were not counted: after the first wait exactly one more is evaluated.
    await elapse(store.db, 30_000);
    const next = await Promise.all(Array.from({ length: 10 }, () => throttle.reserve(victim, '10.1.0.1')));
    expect(next.filter((r) => r.allowed)).toHaveLength(1);
  });

  it('doubles the wait with each further failure, up to the cap', async () => {
    const throttle = createLoginThrottle(store.db, { ...OPTIONS, failuresBeforeDelay: 3, firstDelayMs: 1000, maxDelayMs: 8000 });
    const victim = email();
    for (let i = 0; i < 3; i++) expect((await throttle.reserve(victim, '10.2.0.1')).allowed).toBe(true);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const wait = refusedFor(await throttle.reserve(victim, '10.2.0.1'));
      waits.push(Math.round(wait / 1000));
      await elapse(store.db, wait);
      expect((await throttle.reserve(victim, '10.2.0.1')).allowed).toBe(true);
    }
    expect(waits).toEqual([1, 2, 4, 8, 8]);
  });

  it("delays only the guessing address: the owner's other address is not locked out", async () => {
    const throttle = createLoginThrottle(store.db, OPTIONS);
    const victim = email();
    const fromAttacker = await Promise.all(Array.from({ length: 12 }, () => throttle.reserve(victim, '10.3.0.66')));
    expect(fromAttacker.filter((r) => r.allowed)).toHaveLength(5);
    expect(await throttle.reserve(victim, '10.3.0.1')).toEqual({ allowed: true });
    await throttle.succeeded(victim, '10.3.0.1');
    expect((await throttle.reserve(victim, '10.3.0.66')).allowed).toBe(false);
  });

  it('delays an address spraying many emails once past its own allowance', async () => {
    const throttle = createLoginThrottle(store.db, { ...OPTIONS, maxFailuresPerAddress: 4 });
    for (let i = 0; i < 4; i++) expect((await throttle.reserve(email(), '10.4.0.66')).allowed).toBe(true);
    expect(refusedFor(await throttle.reserve(email(), '10.4.0.66'))).toBeGreaterThan(29_000);
    expect((await throttle.reserve(email(), '10.4.0.1')).allowed).toBe(true);
  });

  it('past the account ceiling, slows new addresses briefly and lets known addresses through', async () => {
    const throttle = createLoginThrottle(store.db, { ...OPTIONS, maxFailuresPerAccount: 4, accountDelayMs: 2000 });
    const victim = email();
    expect((await throttle.reserve(victim, '10.5.0.1')).allowed).toBe(true);
    await throttle.succeeded(victim, '10.5.0.1');
    for (let i = 0; i < 4; i++) expect((await throttle.reserve(victim, `10.5.1.${i}`)).allowed).toBe(true);
    const wait = refusedFor(await throttle.reserve(victim, '10.5.2.1'));
    expect(wait).toBeGreaterThan(1000);
    expect(wait).toBeLessThanOrEqual(2000);
    expect((await throttle.reserve(victim, '10.5.0.1')).allowed).toBe(true);
    await elapse(store.db, 2000);
    expect((await throttle.reserve(victim, '10.5.2.1')).allowed).toBe(true);
  });

  it('a correct password starts its pair over and takes back its own count only', async () => {
    const throttle = createLoginThrottle(store.db, OPTIONS);
    const victim = email();
    for (let i = 0; i < 5; i++) expect((await throttle.reserve(victim, '10.6.0.1')).allowed).toBe(true);
    expect((await throttle.reserve(victim, '10.6.0.1')).allowed).toBe(false);
    await elapse(store.db, 30_000);
    expect((await throttle.reserve(victim, '10.6.0.1')).allowed).toBe(true);
    await throttle.succeeded(victim, '10.6.0.1');
    const rows = rowsOf<{ scope: string; failures: number }>(
      await store.db.execute(
        sql`select scope, failures from login_attempts where key in (${'10.6.0.1'}, ${victim}) order by scope`,
      ),
    );
    expect(rows).toEqual([
      { scope: 'account', failures: 5 },
      { scope: 'address', failures: 5 },
    ]);
    for (let i = 0; i < 5; i++) expect((await throttle.reserve(victim, '10.6.0.1')).allowed).toBe(true);
  });

  it('keeps its counts for another process or after a restart (a new throttle on the same database)', async () => {
    const victim = email();
    await Promise.all(Array.from({ length: 8 }, () => createLoginThrottle(store.db, OPTIONS).reserve(victim, '10.7.0.1')));
    expect((await createLoginThrottle(store.db, OPTIONS).reserve(victim, '10.7.0.1')).allowed).toBe(false);
  });

  it('lists delayed accounts, unlocks one, and deletes counters quiet for a window', async () => {
    const throttle = createLoginThrottle(store.db, { ...OPTIONS, maxFailuresPerAccount: 6 });
    const victim = email();
    for (let i = 0; i < 6; i++) await throttle.reserve(victim, `10.8.0.${i < 5 ? 1 : 2}`);
    const listed = (await throttle.throttledAccounts()).find((t) => t.email === victim);
    expect(listed).toMatchObject({ addresses: 1, accountWide: true });
    expect(listed!.until.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(await throttle.unlock(victim)).toBe(3); // two pairs and the account row
    expect((await throttle.throttledAccounts()).find((t) => t.email === victim)).toBeUndefined();
    expect((await throttle.reserve(victim, '10.8.0.1')).allowed).toBe(true);

    const quiet = email();
    const known = email();
    await throttle.reserve(quiet, '10.8.9.9');
    await throttle.succeeded(known, '10.8.9.8');
    const left = async () =>
      rowsOf<{ scope: string }>(
        await store.db.execute(
          sql`select scope from login_attempts where email in (${quiet}, ${known}) or key = ${'10.8.9.9'} order by scope`,
        ),
      ).map((r) => r.scope);
    await throttle.deleteStale();
    expect(await left()).toEqual(['account', 'address', 'known', 'pair']);
    await elapse(store.db, OPTIONS.windowMs + 1000);
    await throttle.deleteStale();
    expect(await left()).toEqual(['known']);
    await elapse(store.db, KNOWN_ADDRESS_DAYS * 86_400_000);
    await throttle.deleteStale();
    expect(await left()).toEqual([]);
  });
});
