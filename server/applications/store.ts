/** Reads and writes of applications, their API keys, and (read-only here) their webhook endpoints. */
import { and, asc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKeys, applications, webhookEndpoints } from '../db/schema.js';

export type ApplicationRow = typeof applications.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

export function createApplicationStore(db: Db) {
  return {
    async insert(row: typeof applications.$inferInsert): Promise<ApplicationRow> {
      const [inserted] = await db.insert(applications).values(row).returning();
      return inserted!;
    },

    async update(id: string, set: Partial<typeof applications.$inferInsert>): Promise<ApplicationRow | undefined> {
      const [row] = await db.update(applications).set(set).where(eq(applications.id, id)).returning();
      return row;
    },

    async find(id: string): Promise<ApplicationRow | undefined> {
      const [row] = await db.select().from(applications).where(eq(applications.id, id));
      return row;
    },

    async list(): Promise<ApplicationRow[]> {
      return db.select().from(applications).orderBy(asc(applications.createdAt));
    },

    async keysOf(ids: string[]): Promise<ApiKeyRow[]> {
      if (ids.length === 0) return [];
      return db.select().from(apiKeys).where(inArray(apiKeys.applicationId, ids)).orderBy(asc(apiKeys.createdAt));
    },

    async webhooksOf(ids: string[]): Promise<WebhookEndpointRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(webhookEndpoints)
        .where(inArray(webhookEndpoints.applicationId, ids))
        .orderBy(asc(webhookEndpoints.createdAt));
    },

    async insertKey(row: typeof apiKeys.$inferInsert): Promise<void> {
      await db.insert(apiKeys).values(row);
    },

    /** Sets an unrevoked key's end (never later than an end it already has). */
    async endKey(
      applicationId: string,
      keyId: string,
      set: { expiresAt?: Date; revokedAt?: Date },
    ): Promise<ApiKeyRow | undefined> {
      const [row] = await db
        .update(apiKeys)
        .set(set)
        .where(and(eq(apiKeys.applicationId, applicationId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
        .returning();
      return row;
    },

    async keyByHash(keyHash: string): Promise<{ key: ApiKeyRow; application: ApplicationRow } | undefined> {
      const [row] = await db
        .select({ key: apiKeys, application: applications })
        .from(apiKeys)
        .innerJoin(applications, eq(applications.id, apiKeys.applicationId))
        .where(eq(apiKeys.keyHash, keyHash));
      return row;
    },

    /** last_used_at, written at most once per `minGapMs` per key. */
    async touchKey(keyId: string, now: Date, minGapMs: number): Promise<void> {
      await db
        .update(apiKeys)
        .set({ lastUsedAt: now })
        .where(
          and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - minGapMs)))),
        );
    },
  };
}

export type ApplicationStore = ReturnType<typeof createApplicationStore>;
