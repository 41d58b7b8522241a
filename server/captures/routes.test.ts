import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureStatus, CaseDetail, CaseListResponse, ProvidersResponse } from '@contract/api';
import { createMediaLinks } from '../media/links.js';
import { loginNewUser, type TestSession } from '../test-support/session.js';
import {
  TEST_CONSENT,
  postCapture,
  repoRoot,
  sharedFixture,
  startTestServer,
  type TestServer,
} from '../test-support/test-server.js';

const LINK_SECRET = 'test-media-link-secret-0123456789';
let t: TestServer;
let reviewer: TestSession;
let goodClip: Buffer;
beforeAll(async () => {
  t = await startTestServer({ MEDIA_LINK_SECRET: LINK_SECRET, SIMULATOR_CONTROL: 'open' });
  reviewer = await loginNewUser(t);
  goodClip = await readFile(sharedFixture('face_640x480.mp4'));
}, 60_000);
afterAll(async () => t?.close());

async function caseCount(): Promise<number> {
  const res = await reviewer.fetch(`/api/cases?limit=100`);
  return ((await res.json()) as CaseListResponse).cases.length;
}

describe('GET /api/health and /api/providers', () => {
  it('is healthy', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`);
    expect(res.status).toBe(200);
  });

  it('lists Tencent as simulated (no credentials) with the limits the capture app must meet', async () => {
    const body = (await (await fetch(`${t.baseUrl}/api/providers`)).json()) as ProvidersResponse;
    const tencent = body.providers.find((p) => p.id === 'tencent');
    expect(tencent?.mode).toBe('simulated');
    expect(tencent?.limits.video?.containers).toContain('mp4');
    expect(tencent?.limits.video?.durationS.max).toBeGreaterThan(tencent?.limits.video?.durationS.min ?? 99);
    expect(JSON.stringify(body)).not.toMatch(/secret/i);
  });
});

describe('POST /api/captures rejects bad uploads by content and leaves nothing behind', () => {
  const cases: Array<[string, () => Promise<Parameters<typeof postCapture>>, number, string]> = [
    ['random bytes', async () => [t.baseUrl, randomBytes(200_000)], 415, 'unsupported_media'],
    ['a truncated mp4', async () => [t.baseUrl, goodClip.subarray(0, Math.floor(goodClip.length * 0.6))], 422, 'truncated_media'],
    [
      'a PNG renamed .mp4',
      async () => [
        t.baseUrl,
        await readFile(sharedFixture('astronaut.png')),
        undefined,
        { filename: 'selfie.mp4', type: 'video/mp4' },
      ],
      415,
      'not_a_video',
    ],
    [
      'a 0.4 s clip',
      async () => [t.baseUrl, await readFile(path.join(repoRoot, 'contract/media/fixtures/h264_320x240_0.4s.mp4'))],
      422,
      'media_out_of_limits',
    ],
    ['no video at all', async () => [t.baseUrl, undefined], 400, 'missing_video'],
    ['meta that is not JSON', async () => [t.baseUrl, goodClip, '{nope'], 400, 'invalid_meta'],
    ['an unknown provider', async () => [t.baseUrl, goodClip, { providers: ['acme'] }], 400, 'unknown_provider'],
    ['no provider chosen', async () => [t.baseUrl, goodClip, { providers: [] }], 400, 'invalid_meta'],
    ['no consent', async () => [t.baseUrl, goodClip, { providers: ['tencent'], consent: undefined }], 400, 'consent_required'],
    [
      'consent without a time',
      async () => [t.baseUrl, goodClip, { providers: ['tencent'], consent: { version: 'v1', locale: 'en' } }],
      400,
      'consent_required',
    ],
    [
      'consent with a bad time',
      async () => [
        t.baseUrl,
        goodClip,
        { providers: ['tencent'], consent: { version: 'v1', acceptedAt: 'yesterday', locale: 'en' } },
      ],
      400,
      'consent_required',
    ],
    [
      'consent dated next week',
      async () => [
        t.baseUrl,
        goodClip,
        {
          providers: ['tencent'],
          consent: { version: 'v1', acceptedAt: new Date(Date.now() + 7 * 86400_000).toISOString(), locale: 'en' },
        },
      ],
      400,
      'consent_required',
    ],
    [
      'consent with a bad locale',
      async () => [
        t.baseUrl,
        goodClip,
        { providers: ['tencent'], consent: { version: 'v1', acceptedAt: new Date().toISOString(), locale: 'english please' } },
      ],
      400,
      'consent_required',
    ],
    [
      'consent that is not an object',
      async () => [t.baseUrl, goodClip, { providers: ['tencent'], consent: true }],
      400,
      'consent_required',
    ],
  ];

  it.each(cases)('%s → %i %s', async (_name, args, status, code) => {
    const before = await caseCount();
    const res = await postCapture(...(await args()));
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(typeof res.body.message).toBe('string');
    expect(await caseCount()).toBe(before);
    expect(await t.mediaFiles()).toEqual([]);
  });

  it('names the provider and the limit when a clip is out of range', async () => {
    const short = await readFile(path.join(repoRoot, 'contract/media/fixtures/h264_320x240_0.4s.mp4'));
    const res = await postCapture(t.baseUrl, short);
    expect(res.body.message).toMatch(/Tencent/);
    expect(res.body.message).toMatch(/0\.4/);
  });

  it('refuses a file over MAX_UPLOAD_BYTES with 413', async () => {
    const small = await startTestServer({ MAX_UPLOAD_BYTES: '50000' });
    try {
      const res = await postCapture(small.baseUrl, goodClip);
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('file_too_large');
      expect(await small.mediaFiles()).toEqual([]);
    } finally {
      await small.close();
    }
  }, 60_000);
});

describe('a good capture', () => {
  it('is accepted, checked by the simulated Tencent, and visible to reviewers', async () => {
    const res = await postCapture(t.baseUrl, goodClip, { providers: ['tencent'], telemetry: { recorderMimeType: 'video/mp4' } });
    expect(res.status).toBe(202);
    const { caseId, captureToken } = res.body as { caseId: string; captureToken: string };
    await t.server.runner.idle();

    const status = await fetch(`${t.baseUrl}/api/captures/${caseId}`, { headers: { 'x-capture-token': captureToken } });
    expect((await status.json()) as CaptureStatus).toEqual({ status: 'done' });

    const detail = (await (await reviewer.fetch(`/api/cases/${caseId}`)).json()) as CaseDetail;
    // The consent is stored with the case and shown to reviewers as sent.
    expect(detail.consent).toEqual(TEST_CONSENT);
    expect(detail.media[0]).toMatchObject({ role: 'video', mime: 'video/mp4', bytes: goodClip.length });
    expect(detail.media[0]?.probe).toMatchObject({ kind: 'video', codec: 'h264', width: 640, height: 480 });
    const check = detail.checks[0];
    expect(check).toMatchObject({ providerId: 'tencent', mode: 'simulated', status: 'done' });
    expect(check?.outcome).toMatchObject({ kind: 'result', verdict: 'pass' });
    expect(check?.outcome?.vendorRequestId).toMatch(/[0-9a-f-]{36}/);

    const media = await reviewer.fetch(`${detail.media[0]?.url}`, { headers: { range: 'bytes=0-99' } });
    expect(media.status).toBe(206);
    expect(Buffer.from(await media.arrayBuffer())).toEqual(goodClip.subarray(0, 100));
  });

  it('reveals a capture status only to the holder of its token', async () => {
    const res = await postCapture(t.baseUrl, goodClip);
    const { caseId } = res.body as { caseId: string };
    const noToken = await fetch(`${t.baseUrl}/api/captures/${caseId}`);
    const wrongToken = await fetch(`${t.baseUrl}/api/captures/${caseId}`, { headers: { 'x-capture-token': 'guess' } });
    expect(noToken.status).toBe(404);
    expect(wrongToken.status).toBe(404);
    await t.server.runner.idle();
  });

  it('asks for a retake when the vendor says the face is covered', async () => {
    await fetch(`${t.baseUrl}/sim/tencent/_control/next`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'error', errorCode: 'FailedOperation.CoveredFace' }),
    });
    const res = await postCapture(t.baseUrl, goodClip);
    const { caseId, captureToken } = res.body as { caseId: string; captureToken: string };
    await t.server.runner.idle();
    const status = await fetch(`${t.baseUrl}/api/captures/${caseId}`, { headers: { 'x-capture-token': captureToken } });
    expect(await status.json()).toEqual({ status: 'retake', reason: 'covered_face' });
  });
});

describe('GET /api/media-links/:token (vendors fetching a clip by URL)', () => {
  it('serves the clip for a valid link, and refuses forged, expired and mismatched ones', async () => {
    const res = await postCapture(t.baseUrl, goodClip);
    const { caseId } = res.body as { caseId: string };
    await t.server.runner.idle();
    const detail = (await (await reviewer.fetch(`/api/cases/${caseId}`)).json()) as CaseDetail;
    const sha256 = detail.media[0]!.sha256;
    const links = createMediaLinks(Buffer.from(LINK_SECRET));
    const get = (token: string) => fetch(`${t.baseUrl}/api/media-links/${token}`);

    const ok = await get(links.sign({ caseId, role: 'video', sha256 }, 60));
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(goodClip)).toBe(true);

    const forged = createMediaLinks(Buffer.from('another-secret-entirely-000000000')).sign({ caseId, role: 'video', sha256 }, 60);
    expect((await get(forged)).status).toBe(404);
    const expired = createMediaLinks(Buffer.from(LINK_SECRET), () => Date.now() - 120_000).sign(
      { caseId, role: 'video', sha256 },
      60,
    );
    expect((await get(expired)).status).toBe(410);
    const otherFile = links.sign({ caseId, role: 'video', sha256: 'e'.repeat(64) }, 60);
    expect((await get(otherFile)).status).toBe(410);
  });
});
