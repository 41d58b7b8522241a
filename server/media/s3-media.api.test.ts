/**
 * MEDIA_STORE=s3 end to end, against an S3-compatible server that verifies SigV4 (s3rver): a capture
 * is stored in the bucket (nothing left on local disk), Alibaba China fetches it by a presigned URL
 * (ALIBABA_CN_FACE_URL=presigned), a reviewer plays it with Range requests from this process and
 * from a second one sharing the database, and the retention purge deletes the object.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '@contract/api';
import { loginNewUser, type TestSession } from '../test-support/session.js';
import { startTestS3, type TestS3 } from '../test-support/s3-test-server.js';
import { postCapture, repoRoot, startTestServer, type TestServer } from '../test-support/test-server.js';
import { createS3Objects } from './s3-objects.js';

let s3: TestS3;
let t: TestServer;
let reviewer: TestSession;
let clip: Buffer;

beforeAll(async () => {
  s3 = await startTestS3();
  t = await startTestServer({
    ...s3.env,
    // Nothing answers here: a check that used our own signed link instead of the presigned URL would fail.
    PUBLIC_BASE_URL: 'http://127.0.0.1:9',
    ALIBABA_CN_FACE_URL: 'presigned',
    LOCAL_SCREENING: 'off',
  });
  reviewer = await loginNewUser(t);
  clip = await readFile(path.join(repoRoot, 'contract/media/fixtures/mediarecorder_h264_640x480.mp4'));
}, 60_000);
afterAll(async () => {
  await t?.close();
  await s3?.stop();
});

describe('MEDIA_STORE=s3', () => {
  it('stores a capture in the bucket, serves it with Range from every process, and purges it', async () => {
    const res = await postCapture(t.baseUrl, clip, { providers: ['tencent', 'alibaba-cn'] });
    expect(res.status).toBe(202);
    const { caseId } = res.body as { caseId: string };
    await t.server.runner.idle();
    const detail = await reviewer.get<CaseDetail>(`/api/cases/${caseId}`);
    for (const check of detail.checks)
      expect([check.providerId, check.status, check.outcome?.kind]).toEqual([check.providerId, 'done', 'result']);

    // In the bucket, not on this process's disk (staging emptied too).
    const { sha256 } = detail.media[0]!;
    const bucket = createS3Objects(s3.settings);
    expect(await bucket.size(sha256)).toBe(clip.length);
    expect(await t.mediaFiles()).toEqual([]);

    const url = detail.media[0]!.url;
    const whole = await reviewer.fetch(url);
    expect([whole.status, whole.headers.get('accept-ranges'), whole.headers.get('content-length')]).toEqual([
      200,
      'bytes',
      String(clip.length),
    ]);
    expect(Buffer.from(await whole.arrayBuffer()).equals(clip)).toBe(true);
    const part = await reviewer.fetch(url, { headers: { range: 'bytes=100-199' } });
    expect([part.status, part.headers.get('content-range'), part.headers.get('content-type')]).toEqual([
      206,
      `bytes 100-199/${clip.length}`,
      'video/mp4',
    ]);
    expect(Buffer.from(await part.arrayBuffer()).equals(clip.subarray(100, 200))).toBe(true);
    const tail = await reviewer.fetch(url, { headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(clip.subarray(-10))).toBe(true);
    const beyond = await reviewer.fetch(url, { headers: { range: `bytes=${clip.length}-` } });
    expect([beyond.status, beyond.headers.get('content-range')]).toEqual([416, `bytes */${clip.length}`]);
    expect(await beyond.json()).toMatchObject({ code: 'range_not_satisfiable' });

    // Another process on the same database and bucket, with a DATA_DIR of its own, serves the same clip.
    const other = await startTestServer({ ...s3.env, LOCAL_SCREENING: 'off' }, { store: t.server.store });
    try {
      const elsewhere = await (await loginNewUser(other)).fetch(url, { headers: { range: 'bytes=0-99' } });
      expect(elsewhere.status).toBe(206);
      expect(Buffer.from(await elsewhere.arrayBuffer()).equals(clip.subarray(0, 100))).toBe(true);
    } finally {
      await other.close();
    }

    expect(await t.server.retention.purgeDue(new Date(Date.parse(detail.createdAt) + 31 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect((await reviewer.fetch(url)).status).toBe(410);
    expect(await bucket.size(sha256)).toBeUndefined();
  }, 120_000);
});
