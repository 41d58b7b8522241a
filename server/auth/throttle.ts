/**
 * Login throttling, counted in the database (table login_attempts) so every process on one
 * PostgreSQL shares the counts and a restart forgets nothing; times come from the database clock.
 *
 * Three counters gate each attempt, all with progressive delays instead of a lock: after the k-th
 * counted failure the next attempt must wait firstDelay · 2^(k − free), capped.
 * - per email + client address (`pair`): the brute-force brake. An attacker's guesses from one
 *   address delay only that address: the owner signing in from another address is not affected.
 * - per client address (`address`, any email): a higher allowance against password spraying.
 * - per account (`account`, all addresses): a ceiling against guessing from many addresses. It is
 *   deliberately much higher, and past it every attempt waits only a short fixed delay, never a
 *   long lock. Addresses that signed in to the account in the last KNOWN_ADDRESS_DAYS are exempt,
 *   so even an attacker with many addresses cannot keep the owner out from an address they use;
 *   the owner on a new address is slowed to one try per few seconds while such an attack runs.
 *
 * An attempt is counted *before* its password is checked (one atomic INSERT … ON CONFLICT … DO
 * UPDATE … WHERE per counter, the three in one transaction, all or none), so a parallel burst gets
 * no more evaluations than the limit; a correct password then takes its count back.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.js';

export interface ThrottleOptions {
  /** Failures per email + address before that pair has to wait. */
  failuresBeforeDelay: number;
  /** Failures from one address (any emails) before that address has to wait. */
  maxFailuresPerAddress: number;
  /** The first wait; it doubles with each further failure, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Failures on one account (all addresses) before every attempt from an unknown address waits accountDelayMs. */
  maxFailuresPerAccount: number;
  accountDelayMs: number;
  /** A counter starts over after this long without a counted attempt (≥ maxDelayMs). */
  windowMs: number;
}

/** How long a successful sign-in exempts its address from the account ceiling. */
export const KNOWN_ADDRESS_DAYS = 30;

type Scope = 'pair' | 'address' | 'account';
interface Rule {
  free: number;
  firstMs: number;
  maxMs: number;
}
interface Counter {
  scope: Scope;
  key: string;
  email: string | null;
  rule: Rule;
}

export type Reservation = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface ThrottledAccount {
  email: string;
  /** When the last of its delays ends. */
  until: Date;
  /** Addresses whose attempts on this account are being delayed. */
  addresses: number;
  /** The account ceiling is reached (unknown addresses wait). */
  accountWide: boolean;
}

/** Thrown inside the reservation transaction to roll it back (nothing is counted). */
class Refused extends Error {
  constructor(readonly retryAfterMs: number) {
    super('refused');
  }
}

const pairKey = (email: string, ip: string) => `${ip} ${email}`; // an address has no space

/**
 * The database's clock at the moment a statement runs. Not now(): that is the transaction's start,
 * and a transaction that waited for a counter's row lock would compare an older time against what
 * the lock holder wrote, refusing attempts that are due.
 */
const now = sql`clock_timestamp()`;

/** The wait after `failures` counted failures, as an SQL interval. */
function delayAfter(failures: SQL, rule: Rule): SQL {
  // The exponent is capped so power() cannot overflow; the cap on the delay applies long before.
  return sql`(case when ${failures} < ${rule.free}::int then 0
    else least(${rule.firstMs}::float8 * power(2, least(${failures} - ${rule.free}::int, 40)), ${rule.maxMs}::float8) end
    * interval '1 millisecond')`;
}

export function createLoginThrottle(db: Db, options: ThrottleOptions) {
  const window = sql`(${options.windowMs}::float8 * interval '1 millisecond')`;
  const progressive = { firstMs: options.firstDelayMs, maxMs: options.maxDelayMs };
  const counters = (email: string, ip: string): Counter[] => [
    // This order is also the lock order: concurrent reservations cannot deadlock.
    { scope: 'pair', key: pairKey(email, ip), email, rule: { free: options.failuresBeforeDelay, ...progressive } },
    { scope: 'address', key: ip, email: null, rule: { free: options.maxFailuresPerAddress, ...progressive } },
    {
      scope: 'account',
      key: email,
      email,
      rule: { free: options.maxFailuresPerAccount, firstMs: options.accountDelayMs, maxMs: options.accountDelayMs },
    },
  ];
  const keys = (list: Counter[]) =>
    sql.join(
      list.map((c) => sql`(${c.scope}, ${c.key})`),
      sql`, `,
    );

  /** Counts one attempt if the counter lets it through now (or unconditionally when `gated` is false); true if counted. */
  async function count(tx: Db, c: Counter, gated: boolean): Promise<boolean> {
    const next = sql`case when a.updated_at <= ${now} - ${window} then 1 else a.failures + 1 end`;
    const rows = rowsOf(
      await tx.execute(sql`
        insert into login_attempts as a (scope, key, email, failures, updated_at, next_allowed_at)
        values (${c.scope}, ${c.key}, ${c.email}, 1, ${now}, ${now} + ${delayAfter(sql`1`, c.rule)})
        on conflict (scope, key) do update set
          failures = ${next},
          updated_at = ${now},
          next_allowed_at = ${now} + ${delayAfter(next, c.rule)}
        where a.next_allowed_at <= ${now} or not ${gated}::boolean
        returning a.failures`),
    );
    return rows.length === 1;
  }

  /** Takes back one counted failure (the attempt succeeded), shortening the wait to what is left. */
  async function refund(c: Counter): Promise<void> {
    const left = sql`greatest(a.failures - 1, 0)`;
    await db.execute(sql`
      update login_attempts as a
      set failures = ${left}, next_allowed_at = least(a.next_allowed_at, ${now} + ${delayAfter(left, c.rule)})
      where a.scope = ${c.scope} and a.key = ${c.key}`);
  }

  async function isKnown(tx: Db, email: string, ip: string): Promise<boolean> {
    const rows = rowsOf(
      await tx.execute(sql`
        select 1 from login_attempts
        where scope = 'known' and key = ${pairKey(email, ip)}
          and updated_at > ${now} - ${KNOWN_ADDRESS_DAYS}::int * interval '1 day'`),
    );
    return rows.length > 0;
  }

  /** Milliseconds until every counter that applies lets an attempt through. */
  async function waitMs(tx: Db, list: Counter[]): Promise<number> {
    const [row] = rowsOf<{ ms: number | null }>(
      await tx.execute(sql`
        select (extract(epoch from max(next_allowed_at) - ${now}) * 1000)::float8 as ms
        from login_attempts where (scope, key) in (${keys(list)})`),
    );
    return Math.max(Number(row?.ms ?? 0), 1000);
  }

  return {
    /**
     * Counts an attempt before its password is checked. Refused (nothing counted) while any of
     * its counters still makes it wait.
     */
    async reserve(email: string, ip: string): Promise<Reservation> {
      try {
        await db.transaction(async (tx) => {
          const known = await isKnown(tx, email, ip);
          const list = counters(email, ip);
          for (const c of list) {
            const gated = !(known && c.scope === 'account');
            if (!(await count(tx, c, gated))) {
              throw new Refused(
                await waitMs(
                  tx,
                  list.filter((x) => !(known && x.scope === 'account')),
                ),
              );
            }
          }
        });
        return { allowed: true };
      } catch (err) {
        if (err instanceof Refused) return { allowed: false, retryAfterMs: err.retryAfterMs };
        throw err;
      }
    },

    /**
     * The password was right: the pair starts over, the address and the account get this attempt
     * back (the others' failures stay: one good sign-in must not unlock a spray), and the address
     * becomes known to the account.
     */
    async succeeded(email: string, ip: string): Promise<void> {
      const [pair, address, account] = counters(email, ip);
      await db.execute(sql`delete from login_attempts where scope = 'pair' and key = ${pair!.key}`);
      await refund(address!);
      await refund(account!);
      await db.execute(sql`
        insert into login_attempts (scope, key, email, failures, updated_at, next_allowed_at)
        values ('known', ${pair!.key}, ${email}, 0, ${now}, ${now})
        on conflict (scope, key) do update set updated_at = ${now}`);
    },

    /** An admin's unlock: the account's counters (per pair and account-wide) are cleared. Returns how many. */
    async unlock(email: string): Promise<number> {
      const rows = rowsOf(
        await db.execute(sql`delete from login_attempts where email = ${email} and scope in ('pair', 'account') returning scope`),
      );
      return rows.length;
    },

    /** Accounts whose sign-in is being delayed now, from at least one address. */
    async throttledAccounts(): Promise<ThrottledAccount[]> {
      const rows = rowsOf<{ email: string; until: Date | string; addresses: number; account_wide: boolean }>(
        await db.execute(sql`
          select email, max(next_allowed_at) as until,
            (count(*) filter (where scope = 'pair'))::int as addresses, bool_or(scope = 'account') as account_wide
          from login_attempts
          where scope in ('pair', 'account') and next_allowed_at > ${now}
          group by email`),
      );
      return rows.map((r) => ({
        email: r.email,
        until: new Date(r.until),
        addresses: Number(r.addresses),
        accountWide: r.account_wide,
      }));
    },

    /** Housekeeping: counters quiet for a window, and known addresses past their time. */
    async deleteStale(): Promise<number> {
      const rows = rowsOf(
        await db.execute(sql`
          delete from login_attempts
          where next_allowed_at <= ${now}
            and updated_at < ${now} - case when scope = 'known' then ${KNOWN_ADDRESS_DAYS}::int * interval '1 day' else ${window} end
          returning scope`),
      );
      return rows.length;
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
