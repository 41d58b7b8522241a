/**
 * The media store's index (table media_objects): which objects exist, so leftovers are found by a
 * query rather than by listing the store. A row is written before its object, and removed in the
 * same transaction as the object: the row lock makes an upload that claims the same bytes wait
 * until the removal is done, and then write them afresh. `pins` counts commits whose rows are not
 * saved yet; it is a lease (renewed by claimed_at) so a process that dies mid-commit pins nothing for long.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { caseMedia, mediaObjects } from '../db/schema.js';

export interface MediaIndex {
  /** Records an object about to be written, or re-claims an existing one (bumps claimed_at); pins it either way. */
  claim(sha256: string): Promise<void>;
  markCommitted(sha256: string): Promise<void>;
  unpin(sha256: string): Promise<void>;
  /**
   * Deletes the row and runs `removeObject` inside one transaction; returns whether it ran. Only while
   * no case references the object and: `unused`, nobody holds a live pin; `orphanClaimedBefore`,
   * nobody claimed it since then.
   */
  release(sha256: string, removeObject: () => Promise<void>, only?: ReleaseGuard): Promise<boolean>;
  /** Objects claimed before `before` that no case_media row references (at most `limit`). */
  orphans(before: Date, limit: number): Promise<string[]>;
  isEmpty(): Promise<boolean>;
  /** Records objects found in the store that have no row (written before the index existed). */
  adopt(objects: Array<{ sha256: string; claimedAt: Date }>): Promise<void>;
}

export type ReleaseGuard = { unused: true } | { orphanClaimedBefore: Date };

/** A pin older than this has lapsed (LEFTOVER_GRACE_MS in ./store.ts: the longest upload, twice). */
const PIN_LEASE = sql.raw(`interval '7200 seconds'`);

const unreferenced = sql`not exists (select 1 from ${caseMedia} where ${caseMedia.sha256} = ${mediaObjects.sha256})`;

export function createDbMediaIndex(db: Db): MediaIndex {
  return {
    async claim(sha256) {
      await db
        .insert(mediaObjects)
        .values({ sha256, state: 'staged', pins: 1 })
        .onConflictDoUpdate({
          target: mediaObjects.sha256,
          set: {
            claimedAt: sql`now()`,
            pins: sql`case when ${mediaObjects.claimedAt} < now() - ${PIN_LEASE} then 1 else ${mediaObjects.pins} + 1 end`,
          },
        });
    },
    async unpin(sha256) {
      await db
        .update(mediaObjects)
        .set({ pins: sql`greatest(${mediaObjects.pins} - 1, 0)` })
        .where(eq(mediaObjects.sha256, sha256));
    },
    async markCommitted(sha256) {
      await db.update(mediaObjects).set({ state: 'committed' }).where(eq(mediaObjects.sha256, sha256));
    },
    async release(sha256, removeObject, only) {
      return db.transaction(async (tx) => {
        const bySha = eq(mediaObjects.sha256, sha256);
        const where = !only
          ? bySha
          : 'unused' in only
            ? and(bySha, unreferenced, sql`(${mediaObjects.pins} = 0 or ${mediaObjects.claimedAt} < now() - ${PIN_LEASE})`)
            : and(bySha, lt(mediaObjects.claimedAt, only.orphanClaimedBefore), unreferenced);
        const gone = await tx.delete(mediaObjects).where(where).returning({ sha256: mediaObjects.sha256 });
        if (only && gone.length === 0) return false;
        await removeObject();
        return true;
      });
    },
    async orphans(before, limit) {
      const rows = await db
        .select({ sha256: mediaObjects.sha256 })
        .from(mediaObjects)
        .where(and(lt(mediaObjects.claimedAt, before), unreferenced))
        .limit(limit);
      return rows.map((r) => r.sha256);
    },
    async isEmpty() {
      const rows = await db.select({ sha256: mediaObjects.sha256 }).from(mediaObjects).limit(1);
      return rows.length === 0;
    },
    async adopt(objects) {
      for (let i = 0; i < objects.length; i += 500) {
        const batch = objects.slice(i, i + 500).map((o) => ({ sha256: o.sha256, state: 'committed', claimedAt: o.claimedAt }));
        await db.insert(mediaObjects).values(batch).onConflictDoNothing();
      }
    },
  };
}

/** For a store used without a database (unit tests): remembers nothing, so it never finds orphans. */
export function createNullMediaIndex(): MediaIndex {
  return {
    async claim() {},
    async markCommitted() {},
    async unpin() {},
    async release(_sha256, removeObject, only) {
      if (only && 'orphanClaimedBefore' in only) return false;
      await removeObject();
      return true;
    },
    async orphans() {
      return [];
    },
    async isEmpty() {
      return false;
    },
    async adopt() {},
  };
}
