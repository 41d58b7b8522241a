/** POST /api/cases/take-next over HTTP: the riskiest waiting case first, or the oldest with REVIEW_TAKE_NEXT_ORDER=age. */
import { readFile } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseListResponse, TakeNextResponse } from '@contract/api';
import { loginNewUser } from '../test-support/session.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';

let clip: Buffer;
let t: TestServer | undefined;
beforeAll(async () => {
  clip = await readFile(sharedFixture('face_640x480.mp4'));
});
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** An older case both vendors pass, then a newer one where glair says fake (they disagree): risk 0, then 6. */
async function calmThenRisky(server: TestServer): Promise<{ calm: string; risky: string }> {
  const capture = async () => {
    const res = await postCapture(server.baseUrl, clip, { providers: ['tencent', 'glair'] });
    expect(res.status).toBe(202);
    await server.server.runner.idle();
    return (res.body as { caseId: string }).caseId;
  };
  const calm = await capture();
  const control = await fetch(`${server.baseUrl}/sim/glair/_control/next`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ outcome: 'fake' }),
  });
  expect(control.ok).toBe(true);
  const risky = await capture();
  return { calm, risky };
}

async function takeNext(server: TestServer): Promise<string> {
  const reviewer = await loginNewUser(server);
  const res = await reviewer.fetch('/api/cases/take-next', { method: 'POST' });
  expect(res.status).toBe(200);
  return ((await res.json()) as TakeNextResponse).caseId;
}

describe('take-next order', () => {
  it('hands out the riskiest waiting case first by default, and lists it first with sort=risk_desc', async () => {
    t = await startTestServer({ SIMULATOR_CONTROL: 'open' });
    const { calm, risky } = await calmThenRisky(t);
    const reviewer = await loginNewUser(t);
    const list = await reviewer.get<CaseListResponse>('/api/cases?sort=risk_desc');
    expect(list.cases.map((c) => [c.id, c.risk, c.disagreement])).toEqual([
      [risky, 6, true],
      [calm, 0, false],
    ]);
    expect(await takeNext(t)).toBe(risky);
    expect(await takeNext(t)).toBe(calm);
  }, 60_000);

  it('hands out the oldest first with REVIEW_TAKE_NEXT_ORDER=age', async () => {
    t = await startTestServer({ SIMULATOR_CONTROL: 'open', REVIEW_TAKE_NEXT_ORDER: 'age' });
    const { calm, risky } = await calmThenRisky(t);
    expect(await takeNext(t)).toBe(calm);
    expect(await takeNext(t)).toBe(risky);
  }, 60_000);

  it('refuses an unknown sort or finding filter with 400 invalid_query', async () => {
    t = await startTestServer();
    const reviewer = await loginNewUser(t);
    for (const q of ['sort=riskiest', 'finding=deepfake']) {
      const res = await reviewer.fetch(`/api/cases?${q}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'invalid_query' });
    }
  }, 60_000);
});
