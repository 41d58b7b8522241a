/**
 * The server answers in the contract's shapes: each route's real answer parses with its schema in
 * contract/api/ and loses nothing doing so (a field the schema does not describe would be stripped,
 * and the parsed value would then differ). One capture, screened and decided, feeds every read.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  apiErrorSchema,
  auditListResponseSchema,
  captureAcceptedSchema,
  captureStatusSchema,
  caseDetailSchema,
  caseListResponseSchema,
  checkViewSchema,
  dashboardResponseSchema,
  decisionViewSchema,
  providersResponseSchema,
  sessionResponseSchema,
  takeNextResponseSchema,
  unlockResponseSchema,
  userListResponseSchema,
  userViewSchema,
} from '@contract/api';
import { loginAdmin, type TestSession } from './test-support/session.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from './test-support/test-server.js';

let t: TestServer;
let admin: TestSession;
let caseId: string;
let captureToken: string;

/** The answer's JSON, checked against `schema`: it parses, and parsing keeps every field. */
async function conforms(schema: z.ZodType, res: Response, status = 200): Promise<void> {
  expect(res.status).toBe(status);
  const body: unknown = await res.json();
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toStrictEqual(body);
}

beforeAll(async () => {
  t = await startTestServer();
  admin = await loginAdmin(t);
  const clip = await readFile(sharedFixture('face_640x480.mp4'));
  const res = await postCapture(t.baseUrl, clip, { providers: ['tencent'], telemetry: { cameraLabel: 'Integrated Webcam' } });
  expect(captureAcceptedSchema.parse(res.body)).toStrictEqual(res.body);
  ({ caseId, captureToken } = captureAcceptedSchema.parse(res.body));
  await t.server.runner.idle();
  // The local screening runs after the vendor checks; wait for it so `integrity` is complete.
  const deadline = Date.now() + 90_000;
  while ((await admin.get<{ integrity?: { status: string } }>(`/api/cases/${caseId}`)).integrity?.status === 'pending') {
    if (Date.now() > deadline) throw new Error('the screening did not finish');
    await new Promise((r) => setTimeout(r, 200));
  }
  expect((await admin.fetch('/api/cases/take-next', { method: 'POST' })).status).toBe(200);
  const decision = { decision: 'approve', reasonCode: 'other', note: 'fine' };
  const decided = await admin.fetch(`/api/cases/${caseId}/decisions`, { method: 'POST', json: decision });
  await conforms(decisionViewSchema, decided, 201);
}, 150_000);
afterAll(async () => t?.close());

describe('answers conform to contract/api', () => {
  it('capture status and providers (public)', async () => {
    const status = await fetch(`${t.baseUrl}/api/captures/${caseId}`, { headers: { 'x-capture-token': captureToken } });
    await conforms(captureStatusSchema, status);
    await conforms(providersResponseSchema, await fetch(`${t.baseUrl}/api/providers`));
  });

  it('session', async () => {
    await conforms(sessionResponseSchema, await admin.fetch('/api/auth/me'));
  });

  it('queue, case (checks, media, decisions, integrity, consent), audit and dashboard', async () => {
    await conforms(caseListResponseSchema, await admin.fetch('/api/cases'));
    const detail = await admin.fetch(`/api/cases/${caseId}`);
    const body = caseDetailSchema.parse(await detail.clone().json());
    // Every optional part is present, so the schema is held to all of it.
    expect(body).toMatchObject({ decisions: [{ decision: 'approve' }], integrity: { status: 'done' }, consent: {} });
    await conforms(caseDetailSchema, detail);
    await conforms(auditListResponseSchema, await admin.fetch(`/api/cases/${caseId}/audit`));
    await conforms(dashboardResponseSchema, await admin.fetch('/api/dashboard'));
  });

  it('take-next and a re-run', async () => {
    const next = await postCapture(t.baseUrl, await readFile(sharedFixture('face_640x480.mp4')), { providers: ['tencent'] });
    await t.server.runner.idle();
    await conforms(takeNextResponseSchema, await admin.fetch('/api/cases/take-next', { method: 'POST' }));
    const nextId = String(next.body.caseId);
    const rerun = await admin.fetch(`/api/cases/${nextId}/reruns`, { method: 'POST', json: { providerId: 'tencent' } });
    await conforms(checkViewSchema, rerun, 202);
    await t.server.runner.idle();
  });

  it('user administration', async () => {
    const account = { email: 'someone@test.local', password: 'a-long-enough-password', role: 'reviewer' };
    const created = await admin.fetch('/api/admin/users', { method: 'POST', json: account });
    const user = userViewSchema.parse(await created.clone().json());
    await conforms(userViewSchema, created, 201);
    await conforms(userListResponseSchema, await admin.fetch('/api/admin/users'));
    await conforms(unlockResponseSchema, await admin.fetch(`/api/admin/users/${user.id}/unlock`, { method: 'POST' }));
  });

  it('errors, with and without details', async () => {
    await conforms(apiErrorSchema, await admin.fetch('/api/cases/nope'), 404);
    // The 5 s clip is beyond Alibaba international's 1–3 s: 422 with the problems as details.
    const misfit = await admin.fetch(`/api/cases/${caseId}/reruns`, { method: 'POST', json: { providerId: 'alibaba-intl' } });
    const error = apiErrorSchema.parse(await misfit.clone().json());
    expect(error).toMatchObject({ code: 'media_out_of_limits', details: { problems: [{ provider: 'alibaba-intl' }] } });
    await conforms(apiErrorSchema, misfit, 422);
  });
});
