import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeImage, fakeVideo, stubProbe } from '../../simulator-kit/probe-stub.test-helpers.js';
import { buildAntiDeepfakeRequest, serializeMultipart, type FormPart } from '../request.js';
import { createSign, signRaw } from '../signer.js';
import { createFinauthSimulatorControl, type FinauthSimulatorControl } from './control.js';
import { ENTITY_TOO_LARGE_TEXT } from './responses.js';
import { finauthSimulator, type FinauthSimulatorOptions } from './simulator.js';

const API_KEY = 'simulator-test-api-key';
const API_SECRET = 'simulator-test-api-secret';
const SERVER_TIME = new Date('2026-11-21T06:20:00Z');
const API_URL = '/sim/finauth/finauth/v5/anti_deepfake';
const REQUEST_ID = /^\d{10},[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MiB = 1024 * 1024;

let app: FastifyInstance;
let control: FinauthSimulatorControl;
let clock: Date;

async function startSimulator(overrides: Partial<FinauthSimulatorOptions> = {}, host?: (app: FastifyInstance) => Promise<void>) {
  control = createFinauthSimulatorControl();
  clock = SERVER_TIME;
  app = Fastify();
  if (host) await host(app);
  await app.register(finauthSimulator, {
    prefix: '/sim/finauth',
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    now: () => clock,
    probe: stubProbe,
    control,
    ...overrides,
  });
  await app.ready();
}

beforeEach(() => startSimulator());
afterEach(() => app.close());

interface Media {
  kind: 'video' | 'image';
  bytes: Buffer;
}

const PROBED_AS = { video: { container: 'mp4', mime: 'video/mp4' }, image: { container: 'jpeg', mime: 'image/jpeg' } };

function signedRequest(media: Media, signer: { apiKey?: string; apiSecret?: string; signedAt?: Date } = {}) {
  return buildAntiDeepfakeRequest({
    endpoint: 'http://sim.test/sim/finauth',
    credentials: { apiKey: signer.apiKey ?? API_KEY, apiSecret: signer.apiSecret ?? API_SECRET },
    media: { ...media, ...PROBED_AS[media.kind] },
    now: () => signer.signedAt ?? SERVER_TIME,
    random: () => '0123456789',
  });
}

async function post(headers: Record<string, string>, payload: Buffer | string, url = API_URL) {
  return app.inject({ method: 'POST', url, headers, payload });
}

async function check(media: Media, signer?: Parameters<typeof signedRequest>[1]) {
  const request = signedRequest(media, signer);
  return post(request.headers, request.body);
}

const validSign = () => createSign({ apiKey: API_KEY, apiSecret: API_SECRET, now: SERVER_TIME, random: '1' }).sign;

/** Any form, to reach the checks behind the first ones. */
async function postForm(parts: FormPart[]) {
  const body = serializeMultipart('test-boundary', parts);
  return post({ 'Content-Type': 'multipart/form-data; boundary=test-boundary' }, body);
}

const signParts = (sign = validSign(), version = 'hmac_sha1'): FormPart[] => [
  { name: 'sign', value: sign },
  { name: 'sign_version', value: version },
];
const filePart = (name: string, data: Buffer = fakeVideo()): FormPart => ({
  name,
  filename: 'face.mp4',
  contentType: 'video/mp4',
  data,
});

describe('a correctly signed request', () => {
  it.each([
    ['video', { kind: 'video', bytes: fakeVideo() }],
    ['image', { kind: 'image', bytes: fakeImage('png') }],
  ] as const)('%s → 200 with the documented success body (real, fresh request_id)', async (_label, media) => {
    const response = await check(media);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      request_id: expect.stringMatching(REQUEST_ID),
      time_used: expect.any(Number),
      result: false,
      score: 0.03,
      threshold: 0.5,
    });
    const again = await check(media);
    expect(again.json().request_id).not.toBe(response.json().request_id);
  });

  it('is accepted 99 s after signing (b is still in the future)', async () => {
    const response = await check({ kind: 'video', bytes: fakeVideo() }, { signedAt: new Date(SERVER_TIME.getTime() - 99_000) });
    expect(response.statusCode).toBe(200);
  });

  it('works inside an app that registered @fastify/multipart (the real server)', async () => {
    await app.close();
    await startSimulator({}, async (host) => {
      await host.register(fastifyMultipart);
    });
    expect((await check({ kind: 'video', bytes: fakeVideo() })).statusCode).toBe(200);
  });

  it('the file bytes are not signed: other media under the same sign is still accepted', async () => {
    const other = filePart('video', fakeVideo('mp4', 4));
    const response = await postForm([...signParts(validSign()), { name: 'data_type', value: '1' }, other]);
    expect(response.statusCode).toBe(200);
  });
});

describe('authentication errors (403)', () => {
  const secondsBefore = (s: number) => new Date(SERVER_TIME.getTime() - s * 1000);
  it.each([
    ['a wrong secret', { apiSecret: 'wrong' }, 'AUTHENTICATION_ERROR:INVALID_SIGN'],
    ['an unknown api key', { apiKey: 'nobody' }, 'AUTHENTICATION_ERROR'],
    ['a sign made 100 s ago (b = now)', { signedAt: secondsBefore(100) }, 'AUTHENTICATION_ERROR:EXPIRED_SIGN'],
    ['a sign made 10 min ago', { signedAt: secondsBefore(600) }, 'AUTHENTICATION_ERROR:EXPIRED_SIGN'],
  ])('%s → %s', async (_label, signer, error) => {
    const response = await check({ kind: 'video', bytes: fakeVideo() }, signer);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ request_id: expect.stringMatching(REQUEST_ID), time_used: expect.any(Number), error });
  });

  const raw = `a=${API_KEY}&b=${SERVER_TIME.getTime() / 1000 + 100}&c=${SERVER_TIME.getTime() / 1000}&d=1`;
  const tamperedExpiry = () => {
    const bytes = Buffer.from(validSign(), 'base64');
    const longer = bytes
      .subarray(20)
      .toString()
      .replace(/&b=\d+/, '&b=9999999999');
    return Buffer.concat([bytes.subarray(0, 20), Buffer.from(longer)]).toString('base64');
  };

  it.each([
    ['a raw edited after signing (later b)', tamperedExpiry()],
    ['garbage', 'not-a-sign'],
    ['url-safe base64', Buffer.from(validSign(), 'base64').toString('base64url')],
    ['a sign for c ≥ b', signRaw(API_SECRET, raw.replace(/&c=\d+/, `&c=${SERVER_TIME.getTime() / 1000 + 100}`))],
  ])('%s → AUTHENTICATION_ERROR:INVALID_SIGN', async (_label, sign) => {
    const response = await postForm([...signParts(sign), { name: 'data_type', value: '1' }, filePart('video')]);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe('AUTHENTICATION_ERROR:INVALID_SIGN');
  });
});

describe('parameter errors (400)', () => {
  const dataType = (value: string): FormPart => ({ name: 'data_type', value });

  it.each([
    ['no sign', [{ name: 'sign_version', value: 'hmac_sha1' }, dataType('1'), filePart('video')], 'MISSING_ARGUMENTS:sign'],
    ['no sign_version', [{ name: 'sign', value: 'x' }, dataType('1'), filePart('video')], 'MISSING_ARGUMENTS:sign_version'],
    ['sign_version hmac_sha256', [...signParts(undefined, 'hmac_sha256'), dataType('1'), filePart('video')], 'BAD_ARGUMENTS'],
    ['no data_type', [...signParts(), filePart('video')], 'MISSING_ARGUMENTS:data_type'],
    ['data_type "video"', [...signParts(), dataType('video'), filePart('video')], 'BAD_ARGUMENTS'],
    ['data_type 2', [...signParts(), dataType('2'), filePart('video')], 'BAD_ARGUMENTS'],
    ['data_type 1 without a video', [...signParts(), dataType('1')], 'MISSING_ARGUMENTS:video'],
    ['data_type 0 with a video part', [...signParts(), dataType('0'), filePart('video')], 'MISSING_ARGUMENTS:image'],
    ['image as a text field', [...signParts(), dataType('0'), { name: 'image', value: 'image:jpeg' }], 'MISSING_ARGUMENTS:image'],
    ['an empty file', [...signParts(), dataType('1'), filePart('video', Buffer.alloc(0))], 'BAD_ARGUMENTS'],
  ] as const)('%s → %s', async (_label, parts, error) => {
    const response = await postForm([...parts]);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ request_id: expect.stringMatching(REQUEST_ID), time_used: expect.any(Number), error });
  });

  it('checks the sign before data_type (an unsigned caller learns nothing more)', async () => {
    const response = await postForm([...signParts('not-a-sign'), dataType('7')]);
    expect(response.json().error).toBe('AUTHENTICATION_ERROR:INVALID_SIGN');
  });

  it.each([
    ['JSON', 'application/json', '{"sign":"x"}', 'MISSING_ARGUMENTS:sign'],
    ['no Content-Type', undefined, 'sign=x', 'MISSING_ARGUMENTS:sign'],
    ['a broken multipart body', 'multipart/form-data; boundary=zzz', 'not multipart at all', 'BAD_ARGUMENTS'],
  ])('%s → %s', async (_label, contentType, payload, error) => {
    const response = await post(contentType ? { 'Content-Type': contentType } : {}, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe(error);
  });

  it('takes urlencoded text fields too (no file can travel that way)', async () => {
    const sign = encodeURIComponent(validSign());
    const form = `sign=${sign}&sign_version=hmac_sha1&data_type=0`;
    const response = await post({ 'Content-Type': 'application/x-www-form-urlencoded' }, form);
    expect(response.json().error).toBe('MISSING_ARGUMENTS:image');
  });
});

describe('size and media errors', () => {
  /** A labelled stub medium padded to an exact size. */
  const padded = (label: Buffer, size: number) => Buffer.concat([label, Buffer.alloc(size - label.length, 0x20)]);

  it('a video whose base64 exceeds 10 MiB → 413 plain text "Request Entity Too Large"', async () => {
    const response = await check({ kind: 'video', bytes: padded(fakeVideo(), 7.5 * MiB + 3) });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toBe(ENTITY_TOO_LARGE_TEXT);
  });

  it('a video whose base64 is exactly 10 MiB is accepted', async () => {
    const response = await check({ kind: 'video', bytes: padded(fakeVideo(), 7.5 * MiB) });
    expect(response.statusCode).toBe(200);
  });

  it('an image over 10 MiB → INVALID_IMAGE_SIZE:image; at 10 MiB it is accepted', async () => {
    const over = await check({ kind: 'image', bytes: padded(fakeImage(), 10 * MiB + 1) });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toBe('INVALID_IMAGE_SIZE:image');
    expect((await check({ kind: 'image', bytes: padded(fakeImage(), 10 * MiB) })).statusCode).toBe(200);
  });

  it('a body over the route limit (16 MiB) → the same plain-text 413, answered by the simulator', async () => {
    const response = await post({ 'Content-Type': 'multipart/form-data; boundary=x' }, Buffer.alloc(17 * MiB, 0x20));
    expect(response.statusCode).toBe(413);
    expect(response.body).toBe(ENTITY_TOO_LARGE_TEXT);
  });

  it.each([
    ['undecodable video bytes', { kind: 'video', bytes: Buffer.from('garbage') }, 400, 'BAD_ARGUMENTS'],
    ['an image sent as video', { kind: 'video', bytes: fakeImage() }, 400, 'BAD_ARGUMENTS'],
    ['a video sent as image', { kind: 'image', bytes: fakeVideo() }, 400, 'BAD_ARGUMENTS'],
    ['a 20.5 s video', { kind: 'video', bytes: fakeVideo('mp4', 20.5) }, 400, 'BAD_ARGUMENTS'],
    ['a 1080p video', { kind: 'video', bytes: fakeVideo('mp4', 3, '1920x1080') }, 400, 'INVALID_IMAGE_SIZE:video'],
    ['a 1280x721 image', { kind: 'image', bytes: fakeImage('jpeg', '1280x721') }, 400, 'INVALID_IMAGE_SIZE:image'],
  ] as const)('%s → %s', async (_label, media, status, error) => {
    const response = await check({ kind: media.kind, bytes: media.bytes });
    expect(response.statusCode).toBe(status);
    expect(response.json().error).toBe(error);
  });

  it.each([
    ['a 20 s video (the maximum is inclusive)', { kind: 'video', bytes: fakeVideo('mp4', 20) }],
    ['a portrait 720x1280 video', { kind: 'video', bytes: fakeVideo('mp4', 3, '720x1280') }],
    ['a webm video (any ffmpeg format)', { kind: 'video', bytes: fakeVideo('webm') }],
    ['a 1280x720 png', { kind: 'image', bytes: fakeImage('png', '1280x720') }],
  ] as const)('%s is accepted', async (_label, media) => {
    expect((await check({ kind: media.kind, bytes: media.bytes })).statusCode).toBe(200);
  });

  it('a refused request does not use up a queued outcome', async () => {
    control.enqueue({ outcome: 'fake' });
    await check({ kind: 'video', bytes: Buffer.from('garbage') });
    await check({ kind: 'video', bytes: fakeVideo() }, { apiSecret: 'wrong' });
    expect((await check({ kind: 'video', bytes: fakeVideo() })).json().result).toBe(true);
  });
});

describe('other paths', () => {
  it.each([
    ['POST', '/sim/finauth/finauth/v5/anti_deepfake_v2'],
    ['POST', '/sim/finauth/finauth/v3/anti_deepfake'],
    ['GET', API_URL],
  ] as const)('%s %s → 404 {"error":"API_NOT_FOUND"} without request_id', async (method, url) => {
    const response = await app.inject({ method, url });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'API_NOT_FOUND' });
  });
});

describe('throttling: 403 CONCURRENCY_LIMIT_EXCEEDED', () => {
  it('maxRequestsPerSecond: the third request in a second is refused, the next second is fine', async () => {
    await app.close();
    await startSimulator({ maxRequestsPerSecond: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await check({ kind: 'video', bytes: fakeVideo() })).statusCode);
    expect(statuses).toEqual([200, 200, 403]);
    const refused = await check({ kind: 'video', bytes: fakeVideo() });
    expect(refused.json()).toEqual({
      request_id: expect.stringMatching(REQUEST_ID),
      time_used: expect.any(Number),
      error: 'CONCURRENCY_LIMIT_EXCEEDED',
    });
    clock = new Date(SERVER_TIME.getTime() + 1000);
    expect((await check({ kind: 'video', bytes: fakeVideo() })).statusCode).toBe(200);
  });

  it('maxConcurrentRequests: a request while another is in flight is refused', async () => {
    await app.close();
    await startSimulator({ maxConcurrentRequests: 1 });
    control.enqueue({ outcome: 'real', delayMs: 300 });
    const slow = check({ kind: 'video', bytes: fakeVideo() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await check({ kind: 'video', bytes: fakeVideo() });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('CONCURRENCY_LIMIT_EXCEEDED');
    expect((await slow).statusCode).toBe(200);
    expect((await check({ kind: 'video', bytes: fakeVideo() })).statusCode).toBe(200);
  });

  it('no limit by default (FinAuth publishes none)', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, () => check({ kind: 'video', bytes: fakeVideo() })));
    expect(statuses.every((r) => r.statusCode === 200)).toBe(true);
  });
});

describe('outcome control over HTTP', () => {
  const queue = (body: unknown) => app.inject({ method: 'POST', url: '/sim/finauth/_control/next', payload: body as object });
  const video = () => check({ kind: 'video', bytes: fakeVideo() });

  it('fake → result true, high score; suspicious → result false near the threshold; then real again', async () => {
    expect((await queue({ outcome: 'fake' })).statusCode).toBe(201);
    await queue({ outcome: 'suspicious' });
    expect((await video()).json()).toMatchObject({ result: true, score: 0.97, threshold: 0.5 });
    expect((await video()).json()).toMatchObject({ result: false, score: 0.45, threshold: 0.5 });
    expect((await video()).json()).toMatchObject({ result: false, score: 0.03 });
  });

  it('score overrides the default score', async () => {
    await queue({ outcome: 'real', score: 0.2 });
    expect((await video()).json()).toMatchObject({ result: false, score: 0.2 });
  });

  it.each([
    ['NO_FACE_FOUND', 400],
    ['MISSING_ARGUMENTS:video', 400],
    ['INVALID_IMAGE_SIZE:video', 400],
    ['INTERNAL_TIMEOUT', 400],
    ['AUTHENTICATION_ERROR:LIMIT_REACHED', 403],
    ['AUTHENTICATION_ERROR:SOMETHING_NEW', 403],
    ['CONCURRENCY_LIMIT_EXCEEDED', 403],
    ['INTERNAL_ERROR', 500],
    ['UNLISTED_CODE', 400],
  ])('error %s → HTTP %i with that error string', async (errorCode, status) => {
    await queue({ outcome: 'error', errorCode });
    const response = await video();
    expect(response.statusCode).toBe(status);
    expect(response.json()).toEqual({
      request_id: expect.stringMatching(REQUEST_ID),
      time_used: expect.any(Number),
      error: errorCode,
    });
  });

  it('error API_NOT_FOUND → 404 without request_id; 413 → plain text; 504 → an HTML gateway page', async () => {
    await queue({ outcome: 'error', errorCode: 'API_NOT_FOUND' });
    await queue({ outcome: 'error', errorCode: '413' });
    await queue({ outcome: 'error', errorCode: '504' });
    const notFound = await video();
    expect([notFound.statusCode, notFound.json()]).toEqual([404, { error: 'API_NOT_FOUND' }]);
    const tooLarge = await video();
    expect([tooLarge.statusCode, tooLarge.body]).toEqual([413, 'Request Entity Too Large']);
    const gateway = await video();
    expect(gateway.statusCode).toBe(504);
    expect(gateway.headers['content-type']).toMatch(/^text\/html/);
    expect(() => JSON.parse(gateway.body)).toThrow();
  });

  it('httpStatus overrides the status of an error', async () => {
    await queue({ outcome: 'error', errorCode: 'BRAND_NEW', httpStatus: 503 });
    expect((await video()).statusCode).toBe(503);
  });

  it('count repeats an outcome, then the queue moves on', async () => {
    await queue({ outcome: 'fake', count: 2 });
    await queue({ outcome: 'error', errorCode: 'NO_FACE_FOUND' });
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const body = (await video()).json();
      answers.push(body.error ?? body.result);
    }
    expect(answers).toEqual([true, true, 'NO_FACE_FOUND', false]);
  });

  it('delayMs delays the answer', async () => {
    await queue({ outcome: 'real', delayMs: 300 });
    const started = performance.now();
    await video();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('caps delayMs at 60 s', async () => {
    expect((await queue({ outcome: 'real', delayMs: 3_600_000 })).json().queued.delayMs).toBe(60_000);
  });

  it.each([
    [{ outcome: 'error' }],
    [{ outcome: 'maybe' }],
    [{ outcome: 'real', delayMs: -1 }],
    [{ outcome: 'real', count: 0 }],
    [{ outcome: 'real', score: 1.5 }],
    [{ outcome: 'error', errorCode: 'X', httpStatus: 99 }],
  ])('refuses %j with 400', async (body) => {
    expect((await queue(body)).statusCode).toBe(400);
  });

  it('DELETE /_control clears the queue', async () => {
    await queue({ outcome: 'fake', count: 5 });
    const cleared = await app.inject({ method: 'DELETE', url: '/sim/finauth/_control' });
    expect(cleared.json().queue).toEqual([]);
    expect((await video()).json().result).toBe(false);
  });

  it('GET /_control shows the queue and recent requests without the sign or credentials', async () => {
    await video();
    await check({ kind: 'video', bytes: fakeVideo() }, { apiSecret: 'wrong' });
    await queue({ outcome: 'fake' });

    const response = await app.inject({ method: 'GET', url: '/sim/finauth/_control' });
    const snapshot = response.json();
    expect(snapshot.queue).toEqual([{ outcome: 'fake', count: 1 }]);
    expect(snapshot.recentRequests).toHaveLength(2);
    expect(snapshot.recentRequests[0]).toMatchObject({
      method: 'POST',
      url: API_URL,
      bodyBytes: expect.any(Number),
      headers: { 'content-type': expect.stringMatching(/^multipart\/form-data; boundary=/) },
      form: {
        sign_version: 'hmac_sha1',
        data_type: '1',
        files: [{ field: 'video', filename: 'face.mp4', contentType: 'video/mp4', bytes: fakeVideo().length }],
      },
      answer: { status: 200, result: false, score: 0.03, requestId: expect.stringMatching(REQUEST_ID) },
    });
    expect(snapshot.recentRequests[1].answer).toMatchObject({ status: 403, error: 'AUTHENTICATION_ERROR:INVALID_SIGN' });
    const sent = signedRequest({ kind: 'video', bytes: fakeVideo() });
    const sign = /name="sign"\r\n\r\n([^\r]+)/.exec(sent.body.toString('latin1'))?.[1] ?? '';
    expect(sign.length).toBeGreaterThan(20);
    expect(response.body).not.toContain(sign);
    expect(response.body).not.toContain(API_KEY);
    expect(response.body).not.toContain(API_SECRET);
    expect(response.body).not.toContain(fakeVideo().toString());
  });
});

describe('with the real media probe (contract/media/probe.ts)', () => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const shared = (name: string) => readFileSync(path.resolve(here, '../../../../../shared/fixtures', name));
  const local = (name: string) => readFileSync(path.resolve(here, '../../../../contract/media/fixtures', name));

  beforeEach(async () => {
    await app.close();
    await startSimulator({ probe: undefined });
  });

  it.each([
    ['face_640x480.mp4 as video', 'video', () => shared('face_640x480.mp4'), undefined],
    ['face_1280x720.mp4 as video (720p is the maximum)', 'video', () => shared('face_1280x720.mp4'), undefined],
    ['the MediaRecorder .mkv as video (any ffmpeg format)', 'video', () => shared('mediarecorder_h264_1280x720.mkv'), undefined],
    ['a VP8 webm as video', 'video', () => local('mediarecorder_vp8_opus_640x480.webm'), undefined],
    ['astronaut.png as image', 'image', () => shared('astronaut.png'), undefined],
    ['a jpeg as image', 'image', () => local('astronaut_240x320.jpg'), undefined],
    ['astronaut.png as video', 'video', () => shared('astronaut.png'), 'BAD_ARGUMENTS'],
    ['face_640x480.mp4 as image', 'image', () => shared('face_640x480.mp4'), 'BAD_ARGUMENTS'],
    ['an audio-only m4a as video', 'video', () => local('sine_aac_1s.m4a'), 'BAD_ARGUMENTS'],
    ['random bytes as video', 'video', () => Buffer.from('definitely not a video'), 'BAD_ARGUMENTS'],
  ] as const)('%s → %s', async (_label, kind, bytes, error) => {
    const response = await check({ kind, bytes: bytes() });
    if (error === undefined) expect([response.statusCode, response.json().result]).toEqual([200, false]);
    else expect([response.statusCode, response.json().error]).toEqual([400, error]);
  });
});
