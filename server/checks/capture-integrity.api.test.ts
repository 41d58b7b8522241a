/**
 * The capture-integrity screening through the real API and the real workers, on one capture that
 * also chose `local` and Tencent (simulated): one screening, shared by every assertion below.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CheckView } from '@contract/api';
import { loginAdmin, type TestSession } from '../test-support/session.js';
import { postCapture, sharedFixture, startTestServer, type TestServer } from '../test-support/test-server.js';

let t: TestServer;
let reviewer: TestSession;
let detail: CaseDetail;
const check = (id: string): CheckView => {
  const found = detail.checks.find((c) => c.providerId === id);
  if (!found) throw new Error(`no ${id} check`);
  return found;
};

beforeAll(async () => {
  t = await startTestServer();
  reviewer = await loginAdmin(t);
  const clip = await readFile(sharedFixture('face_640x480.mp4'));
  const res = await postCapture(t.baseUrl, clip, {
    providers: ['tencent', 'local'],
    telemetry: { cameraLabel: 'Integrated Webcam' },
  });
  expect(res.status).toBe(202);
  const caseId = String(res.body.caseId);
  const deadline = Date.now() + 90_000;
  for (;;) {
    detail = await reviewer.get<CaseDetail>(`/api/cases/${caseId}`);
    const checksDone = detail.checks.every((c) => c.status === 'done' || c.status === 'error');
    if (checksDone && detail.integrity?.status !== 'pending') break;
    if (Date.now() > deadline) throw new Error(`screening did not finish: ${JSON.stringify(detail.integrity)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);
afterAll(async () => t?.close());

describe('capture integrity of a good face capture', () => {
  it('stores the screening with the case: review, no finding, labelled as having no deepfake model', () => {
    expect(detail.integrity).toMatchObject({
      status: 'done',
      verdict: 'review',
      findings: [],
      label: 'local screening — no deepfake model',
    });
    expect(detail.integrity?.measurements).toMatchObject({ decodedFrames: 125, samplesWithOneFace: 10 });
  });

  it('stores the ten sampled frames as case media frame.0 … frame.9 (JPEG), served to the reviewer', async () => {
    const frames = detail.integrity?.frames ?? [];
    expect(frames.map((f) => f.role)).toEqual(Array.from({ length: 10 }, (_, i) => `frame.${i}`));
    for (const frame of frames) {
      const media = detail.media.find((m) => m.role === frame.role);
      expect(media?.mime).toBe('image/jpeg');
      expect(frame.faces).toHaveLength(1);
    }
    const first = detail.media.find((m) => m.role === 'frame.0');
    const res = await reviewer.fetch(String(first?.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  });

  it('does not hold up the vendor call: Tencent finished before the screening did', () => {
    const tencent = check('tencent');
    expect(tencent.outcome?.kind).toBe('result');
    expect(Date.parse(tencent.finishedAt ?? '')).toBeLessThan(Date.parse(detail.integrity?.screenedAt ?? ''));
  });

  it('gives the local check the same screening (analysed once), never a pass', () => {
    const local = check('local');
    expect(local).toMatchObject({
      mode: 'local',
      providerName: 'Local screening',
      outcome: { kind: 'result', verdict: 'review' },
    });
    const raw = (local.outcome?.raw ?? {}) as { findings: unknown[]; timingsMs: { decode: number } };
    expect(raw.findings).toEqual([]);
    expect(raw.timingsMs.decode).toBe(detail.integrity?.timingsMs?.decode);
  });
});
