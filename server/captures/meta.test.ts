/**
 * The meta part as API clients and attackers send it: typed application/json, NUL characters,
 * deep nesting, oversized, an implausible consent time. Each gets its documented 4xx, stores
 * nothing, and no request body or SQL parameter reaches the log — on PGlite and PostgreSQL.
 */
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListResponse } from '@contract/api';
import { openStore, type Store } from '../db/client.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test-support/postgres.js';
import { metaJson, multipartBody, postMultipart } from '../test-support/raw-upload.js';
import { loginNewUser, type TestSession } from '../test-support/session.js';
import { TEST_CONSENT, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';

const pg = await startThrowawayPostgres();
const stores: Array<[string, () => Promise<Store>]> = [['PGlite', () => openStore({})]];
if (pg) stores.push(['PostgreSQL', () => openStore({ databaseUrl: pg.url })]);
afterAll(() => (pg as ThrowawayPostgres | undefined)?.stop());

const MARKER = 'personal-data-marker-5c1e';

/** POSTs meta (raw JSON text, optionally typed) and the clip, built by hand. */
async function post(baseUrl: string, metaText: string, clip: Buffer, metaType?: string) {
  const body = multipartBody([
    { name: 'meta', type: metaType, body: metaText },
    { name: 'video', filename: 'clip.mp4', type: 'video/mp4', body: clip },
  ]);
  return postMultipart(baseUrl, body);
}

/** Meta text with `telemetry` spliced in as raw JSON (so it can be anything, however deep). */
const withTelemetry = (telemetryJson: string) => `${metaJson().slice(0, -1)},"telemetry":${telemetryJson}}`;

describe.each(stores)('hostile meta on %s', (_name, open) => {
  let store: Store;
  let t: TestServer;
  let reviewer: TestSession;
  let clip: Buffer;
  let logs = '';
  beforeAll(async () => {
    store = await open();
    const logStream = new PassThrough();
    logStream.on('data', (c: Buffer) => (logs += c.toString()));
    t = await startTestServer({ LOG_LEVEL: 'info' }, { store, logStream });
    reviewer = await loginNewUser(t);
    clip = await readFile(sharedFixture('face_640x480.mp4'));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await store?.close();
  });

  const caseCount = async () => ((await (await reviewer.fetch('/api/cases?limit=100')).json()) as CaseListResponse).cases.length;

  it('accepts a meta part typed application/json (curl -F "meta=…;type=application/json", Python requests)', async () => {
    const res = await post(t.baseUrl, metaJson({ telemetry: { client: 'curl' } }), clip, 'application/json');
    expect(res.status).toBe(202);
    await t.server.runner.idle();
  });

  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const hostile: Array<[string, number, string, () => string]> = [
    [
      'a NUL character in a telemetry value',
      400,
      'invalid_meta',
      () => withTelemetry(JSON.stringify({ note: `a\u0000b ${MARKER}` })),
    ],
    ['a NUL character in a telemetry key', 400, 'invalid_meta', () => withTelemetry(JSON.stringify({ 'k\u0000': 1 }))],
    ['an unpaired surrogate', 400, 'invalid_meta', () => withTelemetry('{"note":"\\ud800"}')],
    [
      'telemetry nested 50,000 deep',
      400,
      'invalid_meta',
      () => withTelemetry(`{"deep":${'['.repeat(50_000)}${']'.repeat(50_000)}}`),
    ],
    ['telemetry nested 40 deep', 400, 'invalid_meta', () => withTelemetry(`{"deep":${'['.repeat(40)}${']'.repeat(40)}}`)],
    ['a meta over 256 KB', 413, 'meta_too_large', () => withTelemetry(JSON.stringify({ blob: 'x'.repeat(300 * 1024) }))],
    [
      'a consent given in 1970',
      400,
      'consent_required',
      () => metaJson({ consent: { ...TEST_CONSENT, acceptedAt: '1970-01-01T00:00:00.000Z' } }),
    ],
    [
      'a consent given two days ago',
      400,
      'consent_required',
      () => metaJson({ consent: { ...TEST_CONSENT, acceptedAt: daysAgo(2) } }),
    ],
  ];

  it.each(hostile)('%s → %i %s, nothing stored', async (_case, status, code, meta) => {
    const before = await caseCount();
    const files = await t.mediaFiles();
    const res = await post(t.baseUrl, meta(), clip);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(await caseCount()).toBe(before);
    expect(await t.mediaFiles()).toEqual(files);
  });

  it('keeps telemetry 30 levels deep', async () => {
    const res = await post(t.baseUrl, withTelemetry(`{"deep":${'['.repeat(30)}${']'.repeat(30)}}`), clip);
    expect(res.status).toBe(202);
    await t.server.runner.idle();
  });

  it('logs a database failure as its class and code: no query, no parameters, no telemetry', async () => {
    await store.db.execute(
      sql.raw(
        `CREATE OR REPLACE FUNCTION test_refuse_case() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`,
      ),
    );
    await store.db.execute(
      sql.raw(`CREATE TRIGGER test_refuse_case BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION test_refuse_case()`),
    );
    try {
      logs = '';
      const files = await t.mediaFiles();
      const res = await post(t.baseUrl, withTelemetry(JSON.stringify({ email: `${MARKER}@example.com` })), clip);
      expect(res.status).toBe(500);
      expect(res.body.code).toBe('internal_error');
      expect(await t.mediaFiles()).toEqual(files);
      expect(logs).toContain('unhandled error');
      expect(logs).toContain('P0001'); // the SQLSTATE of RAISE EXCEPTION: enough to know what failed
      expect(logs).not.toContain(MARKER);
      expect(logs.toLowerCase()).not.toContain('insert into');
    } finally {
      await store.db.execute(sql.raw('DROP TRIGGER test_refuse_case ON cases'));
    }
  });
});
