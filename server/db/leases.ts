/**
 * Work leases in the database: a row of work (a check, a capture screening, a webhook delivery) is
 * claimed by one process at a time by writing its owner and `lease_until` on the database clock.
 * `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n)` lets processes claim side by side
 * without waiting on each other; the outer WHERE re-checks, so two can never take the same row.
 * The holder renews its leases while it works (heartbeat); a process that dies simply stops
 * renewing, and another takes the row over once the lease has run out.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from './client.js';
import type { Db } from './database.js';

/** Where a table keeps its leases. */
export interface LeaseColumns {
  table: string;
  owner: string;
  until: string;
}

/** This process's name in lease_owner columns: readable for operators, unique per start. */
export const newLeaseOwner = (): string => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

const ms = (leaseMs: number) => sql`now() + ${leaseMs}::double precision * interval '1 millisecond'`;

function parts(c: LeaseColumns) {
  return { table: sql.identifier(c.table), owner: sql.identifier(c.owner), until: sql.identifier(c.until) };
}

/** No one holds the row, or its holder's lease ran out. */
export function leaseFree(c: LeaseColumns): SQL {
  const { owner, until } = parts(c);
  return sql`(${owner} is null or ${until} < now())`;
}

export interface ClaimOptions {
  owner: string;
  leaseMs: number;
  /** The rows that may be claimed (include `leaseFree(columns)` or an equivalent). */
  claimable: SQL;
  orderBy: SQL;
  limit: number;
  /** More assignments made with the claim (e.g. `status = 'delivering'`). */
  set?: SQL;
}

/** Leases up to `limit` claimable rows to `owner`; resolves their ids. */
export async function claimLeases(db: Db, c: LeaseColumns, o: ClaimOptions): Promise<string[]> {
  if (o.limit <= 0) return [];
  const { table, owner, until } = parts(c);
  const extra = o.set ? sql`, ${o.set}` : sql``;
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      update ${table} set ${owner} = ${o.owner}, ${until} = ${ms(o.leaseMs)}${extra}
      where id in (select id from ${table} where ${o.claimable} order by ${o.orderBy} limit ${o.limit} for update skip locked)
        and ${o.claimable}
      returning id`),
  );
  return rows.map((r) => r.id);
}

/** Extends `owner`'s leases on `ids`; resolves the ids it still held (a missing one was taken over). */
export async function renewLeases(db: Db, c: LeaseColumns, owner: string, ids: string[], leaseMs: number): Promise<string[]> {
  if (ids.length === 0) return [];
  const t = parts(c);
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      update ${t.table} set ${t.until} = ${ms(leaseMs)}
      where ${t.owner} = ${owner} and id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})
      returning id`),
  );
  return rows.map((r) => r.id);
}

/** Gives `owner`'s leases on `ids` back at once (shutdown), so another process need not wait for them to run out. */
export async function releaseLeases(db: Db, c: LeaseColumns, owner: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const t = parts(c);
  await db.execute(sql`
    update ${t.table} set ${t.owner} = null, ${t.until} = null
    where ${t.owner} = ${owner} and id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`);
}

export const CHECK_LEASES: LeaseColumns = { table: 'checks', owner: 'lease_owner', until: 'lease_until' };
export const SCREENING_LEASES: LeaseColumns = { table: 'cases', owner: 'integrity_lease_owner', until: 'integrity_lease_until' };
export const DELIVERY_LEASES: LeaseColumns = { table: 'webhook_deliveries', owner: 'lease_owner', until: 'lease_until' };
