/**
 * The media store's index (table media_objects): which objects exist, so leftovers are found by a
 * query rather than by listing the store. A row is written before its object, and removed in the
 * same transaction as the object: the row lock makes an upload that claims the same bytes wait
 * until the removal is done, and then write them afresh.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { caseMedia, mediaObjects } from '../db/schema.js';

export interface MediaIndex {
  /** Records an object about to be written, or re-claims an existing one (bumps claimed_at). */
  claim(sha256: string): Promise<void>;
  markCommitted(sha256: string): Promise<void>;
  /**
   * Deletes the row and runs `removeObject` inside one transaction. With `orphanClaimedBefore`, only
   * while no case references the object and nobody claimed it since; returns whether it ran.
   */
  release(sha256: string, removeObject: () => Promise<void>, orphanClaimedBefore?: Date): Promise<boolean>;
  /** Objects claimed before `before` that no case_media row references (at most `limit`). */
  orphans(before: Date, limit: number): Promise<string[]>;
  isEmpty(): Promise<boolean>;
  /** Records objects found in the store that have no row (written before the index existed). */
  adopt(objects: Array<{ sha256: string; claimedAt: Date }>): Promise<void>;
}

const unreferenced = sql`not exists (select 1 from ${caseMedia} where ${caseMedia.sha256} = ${mediaObjects.sha256})`;

export function createDbMediaIndex(db: Db): MediaIndex {
  return {
    async claim(sha256) {
      await db
        .insert(mediaObjects)
        .values({ sha256, state: 'staged' })
        .onConflictDoUpdate({ target: mediaObjects.sha256, set: { claimedAt: sql`now()` } });
    },
    async markCommitted(sha256) {
      await db.update(mediaObjects).set({ state: 'committed' }).where(eq(mediaObjects.sha256, sha256));
    },
    async release(sha256, removeObject, orphanClaimedBefore) {
      return db.transaction(async (tx) => {
        const where = orphanClaimedBefore
          ? and(eq(mediaObjects.sha256, sha256), lt(mediaObjects.claimedAt, orphanClaimedBefore), unreferenced)
          : eq(mediaObjects.sha256, sha256);
        const gone = await tx.delete(mediaObjects).where(where).returning({ sha256: mediaObjects.sha256 });
        if (orphanClaimedBefore && gone.length === 0) return false;
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
    async release(_sha256, removeObject, orphanClaimedBefore) {
      if (orphanClaimedBefore) return false;
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
