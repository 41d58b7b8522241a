import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CaseListResponse } from '@contract/api';
import { loginNewUser, type TestSession } from '../test-support/session.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let reviewer: TestSession;
let goodClip: Buffer;
beforeAll(async () => {
  t = await startTestServer();
  reviewer = await loginNewUser(t);
  goodClip = await readFile(sharedFixture('face_640x480.mp4'));
}, 60_000);
afterAll(async () => t?.close());

async function caseIds(): Promise<string[]> {
  const res = await reviewer.fetch(`/api/cases?limit=100`);
  return ((await res.json()) as CaseListResponse).cases.map((c) => c.id);
}

const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });
const send = (key: string) => postCapture(t.baseUrl, goodClip, undefined, withKey(key));

async function statusWith(caseId: string, captureToken: string): Promise<number> {
  return (await fetch(`${t.baseUrl}/api/captures/${caseId}`, { headers: { 'x-capture-token': captureToken } })).status;
}

describe('POST /api/captures with an Idempotency-Key', () => {
  it('a repeat with the same key creates nothing and answers the same case with a working token', async () => {
    const key = randomUUID();
    const before = await caseIds();
    const first = await send(key);
    expect(first.status).toBe(202);
    const again = await send(key);
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(first.body.caseId);
    expect(again.body.captureToken).not.toBe(first.body.captureToken);
    await t.server.runner.idle();

    const added = (await caseIds()).filter((id) => !before.includes(id));
    expect(added).toEqual([first.body.caseId]);
    const caseId = String(first.body.caseId);
    // The newest token reads the status (the first answer was lost, as far as the client knows).
    expect(await statusWith(caseId, String(again.body.captureToken))).toBe(200);
    expect(await statusWith(caseId, String(first.body.captureToken))).toBe(404);
    // One set of checks, and one case.created in the audit trail.
    const detail = (await (await reviewer.fetch(`/api/cases/${caseId}`)).json()) as CaseDetail;
    expect(detail.checks).toHaveLength(1);
    const audit = (await (await reviewer.fetch(`/api/cases/${caseId}/audit`)).json()) as { events: Array<{ action: string }> };
    expect(audit.events.filter((e) => e.action === 'case.created')).toHaveLength(1);
  });

  it('two concurrent posts with one key make one case and both answer it', async () => {
    const key = randomUUID();
    const before = await caseIds();
    const [a, b] = await Promise.all([send(key), send(key)]);
    expect([a.status, b.status].sort()).toEqual([200, 202]);
    expect(a.body.caseId).toBe(b.body.caseId);
    await t.server.runner.idle();
    expect((await caseIds()).filter((id) => !before.includes(id))).toEqual([a.body.caseId]);
    const detail = (await (await reviewer.fetch(`/api/cases/${String(a.body.caseId)}`)).json()) as CaseDetail;
    expect(detail.media.length).toBeGreaterThan(0);
    // The winner's clip is still there (the loser kept the shared file).
    expect(await t.mediaFiles()).toContain(detail.media[0]?.sha256);
  });

  it('different keys make different cases', async () => {
    const a = await send(randomUUID());
    const b = await send(randomUUID());
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body.caseId).not.toBe(b.body.caseId);
    await t.server.runner.idle();
  });

  it.each([
    ['too short', 'abc'],
    ['bad characters', 'key with spaces!'],
    ['too long', 'k'.repeat(129)],
  ])('refuses a key that is %s with 400 and stores nothing', async (_name, key) => {
    const before = await caseIds();
    const files = await t.mediaFiles();
    const res = await send(key);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_idempotency_key');
    expect(await caseIds()).toEqual(before);
    expect(await t.mediaFiles()).toEqual(files);
  });

  it('still checks the body of a repeat (a bad one is refused, not replayed)', async () => {
    const key = randomUUID();
    expect((await send(key)).status).toBe(202);
    const res = await postCapture(t.baseUrl, goodClip, '{nope', withKey(key));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_meta');
    await t.server.runner.idle();
  });
});
