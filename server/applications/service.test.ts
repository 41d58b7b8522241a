/** Applications and API keys on PGlite and, where installed, PostgreSQL: hashing, revocation, rotation with overlap. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/log.js';
import { openStore, type Store } from '../db/client.js';
import { apiKeys, auditEvents } from '../db/schema.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { hashApiKey } from './api-keys.js';
import { createApplicationService } from './service.js';
import { createApplicationStore } from './store.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const actor = { type: 'user', id: 'u1', email: 'admin@test.local' } as const;
const MIN = 60_000;

async function setup(store: Store) {
  await store.db.execute(sql`delete from applications`);
  let clock = Date.parse('2026-12-06T10:00:00Z');
  const service = createApplicationService({
    store: createApplicationStore(store.db),
    audit: createAuditLog(store.db),
    enabledProviders: new Set(['tencent', 'finauth']),
    now: () => new Date(clock),
  });
  const app = await service.create(actor, {
    name: 'Onboarding',
    allowedProviders: ['tencent', 'finauth'],
    defaultProviders: ['tencent'],
    returnUrlOrigins: ['https://app.example'],
    embedOrigins: [],
  });
  return { service, app, advance: (ms: number) => (clock += ms) };
}

describe.each(stores)('applications and API keys on %s', (_name, open) => {
  it('stores only the hash of a key, shows its prefix, and never audits the key', async () => {
    const store = await open();
    try {
      const { service, app } = await setup(store);
      const made = await service.createKey(actor, app.id, {});
      expect(made.key).toMatch(/^sk_[\w-]{43}$/);
      expect(made.key.startsWith(made.prefix)).toBe(true);
      const rows = await store.db.select().from(apiKeys).where(eq(apiKeys.applicationId, app.id));
      expect(rows.map((r) => r.keyHash)).toEqual([hashApiKey(made.key)]);
      expect(JSON.stringify(rows)).not.toContain(made.key);
      expect(JSON.stringify(await store.db.select().from(auditEvents))).not.toContain(made.key);
      expect((await service.get(app.id)).keys).toEqual([{ id: made.id, prefix: made.prefix, createdAt: expect.any(String) }]);
      expect((await service.authenticate(made.key))?.id).toBe(app.id);
    } finally {
      await store.close();
    }
  });

  it('stops a revoked key at once, and a disabled application’s keys', async () => {
    const store = await open();
    try {
      const { service, app } = await setup(store);
      const a = await service.createKey(actor, app.id, {});
      const b = await service.createKey(actor, app.id, {});
      await service.revokeKey(actor, app.id, a.id);
      expect(await service.authenticate(a.key)).toBeUndefined();
      await expect(service.revokeKey(actor, app.id, a.id)).rejects.toMatchObject({ code: 'key_not_found' });
      expect(await service.authenticate(b.key)).toBeDefined();
      await service.update(actor, app.id, { disabled: true });
      expect(await service.authenticate(b.key)).toBeUndefined();
      await service.update(actor, app.id, { disabled: false });
      expect(await service.authenticate(b.key)).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('keeps a rotated key working until the end of its overlap, then refuses it', async () => {
    const store = await open();
    try {
      const { service, app, advance } = await setup(store);
      const old = await service.createKey(actor, app.id, {});
      const next = await service.createKey(actor, app.id, { rotateFrom: old.id, overlapMinutes: 10 });
      advance(10 * MIN - 1);
      expect(await service.authenticate(old.key)).toBeDefined();
      advance(1);
      expect(await service.authenticate(old.key)).toBeUndefined();
      expect(await service.authenticate(next.key)).toBeDefined();
      const keys = (await service.get(app.id)).keys;
      expect(keys.find((k) => k.id === old.id)?.expiresAt).toBe('2026-12-06T10:10:00.000Z');
    } finally {
      await store.close();
    }
  });

  it('writes last_used_at at most once a minute', async () => {
    const store = await open();
    try {
      const { service, app, advance } = await setup(store);
      const k = await service.createKey(actor, app.id, {});
      const lastUsed = async () => (await service.get(app.id)).keys[0]!.lastUsedAt;
      await service.authenticate(k.key);
      const first = await lastUsed();
      advance(30_000);
      await service.authenticate(k.key);
      expect(await lastUsed()).toBe(first);
      advance(31_000);
      await service.authenticate(k.key);
      expect(await lastUsed()).not.toBe(first);
    } finally {
      await store.close();
    }
  });

  it('refuses providers the server does not run, defaults outside the allowed set, and non-origins', async () => {
    const store = await open();
    try {
      const { service, app } = await setup(store);
      const base = { name: 'X', returnUrlOrigins: [], embedOrigins: [] };
      await expect(
        service.create(actor, { ...base, allowedProviders: ['glair'], defaultProviders: ['glair'] }),
      ).rejects.toMatchObject({ code: 'provider_not_enabled' });
      await expect(
        service.create(actor, { ...base, allowedProviders: ['tencent'], defaultProviders: ['finauth'] }),
      ).rejects.toMatchObject({ code: 'default_provider_not_allowed' });
      await expect(
        service.update(actor, app.id, { embedOrigins: ["https://a.example;script-src 'none'"] }),
      ).rejects.toMatchObject({
        code: 'invalid_origin',
      });
      await expect(service.update(actor, app.id, { allowedProviders: ['finauth'] })).rejects.toMatchObject({
        code: 'default_provider_not_allowed',
      });
    } finally {
      await store.close();
    }
  });
});
