import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../auth.js';
import { fakeImage, fakeVideo, stubProbe } from '../../simulator-kit/probe-stub.test-helpers.js';
import { buildDeepfakeRequest } from '../request.js';
import { createGlairSimulatorControl, type GlairSimulatorControl } from './control.js';
import { glairSimulator, type GlairSimulatorOptions } from './simulator.js';

const USERNAME = 'sim-user';
const PASSWORD = 'sim-password-0001';
const API_KEY = 'sim-api-key-0001';
const ENDPOINT = 'http://sim.test/sim/glair';
const VIDEO_URL = '/sim/glair/face/v1/deepfake';
const FRAMES_URL = '/sim/glair/face/v1/deepfake/images';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MiB = 1024 * 1024;

let app: FastifyInstance;
let control: GlairSimulatorControl;
let clock = new Date('2026-11-21T06:20:26Z');

async function startSimulator(overrides: Partial<GlairSimulatorOptions> = {}) {
  control = createGlairSimulatorControl();
  app = Fastify();
  await app.register(glairSimulator, {
    prefix: '/sim/glair',
    username: USERNAME,
    password: PASSWORD,
    apiKey: API_KEY,
    now: () => clock,
    probe: stubProbe,
    control,
    ...overrides,
  });
  await app.ready();
}

beforeEach(() => startSimulator());
afterEach(() => app.close());

interface Answer {
  statusCode: number;
  requestId: string | undefined;
  retryAfter: string | undefined;
  body: { status: string; reason: string; read?: { deepfake: { value: string; confidence: number } } };
}

async function send(url: string, headers: Record<string, string>, payload: Buffer | string): Promise<Answer> {
  const response = await app.inject({ method: 'POST', url, headers, payload });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return {
    statusCode: response.statusCode,
    requestId: response.headers['request-id'] as string | undefined,
    retryAfter: response.headers['retry-after'] as string | undefined,
    body: response.json(),
  };
}

const goodCredentials = { username: USERNAME, password: PASSWORD, apiKey: API_KEY };

function request(media: { kind: 'video' | 'image'; bytes: Buffer }, credentials = goodCredentials) {
  return buildDeepfakeRequest({ endpoint: ENDPOINT, credentials, media });
}

async function check(media: { kind: 'video' | 'image'; bytes: Buffer }, credentials = goodCredentials) {
  const built = request(media, credentials);
  return send(new URL(built.url).pathname, built.headers, built.body);
}

const authHeaders = { Authorization: basicAuthorization(USERNAME, PASSWORD), 'x-api-key': API_KEY };

/** Authenticated frames body, to reach the parameter checks. */
const sendFrames = (payload: string, contentType: string | undefined = 'application/json') =>
  send(FRAMES_URL, contentType === undefined ? authHeaders : { ...authHeaders, 'Content-Type': contentType }, payload);

const error = (status: string, reason: string) => ({ status, reason });

describe('a correct request', () => {
  it('video → the doc\'s "no deepfake" body, HTTP 200, a fresh Request-Id header', async () => {
    const first = await check({ kind: 'video', bytes: fakeVideo() });
    expect(first).toEqual({
      statusCode: 200,
      requestId: expect.stringMatching(UUID),
      retryAfter: undefined,
      body: {
        read: { deepfake: { confidence: 0.06415167450904846, value: 'real' } },
        reason: 'File Successfully Read',
        status: 'SUCCESS',
      },
    });
    const second = await check({ kind: 'video', bytes: fakeVideo() });
    expect(second.requestId).not.toBe(first.requestId);
  });

  it('a still on the frames endpoint → success', async () => {
    const answer = await check({ kind: 'image', bytes: fakeImage('png') });
    expect(answer).toMatchObject({ statusCode: 200, body: { status: 'SUCCESS', read: { deepfake: { value: 'real' } } } });
  });

  it("several frames, and the doc curl's labels (none, x-www-form-urlencoded) → success", async () => {
    const frames = JSON.stringify({ frames: [fakeImage().toString('base64'), fakeImage('png').toString('base64')] });
    expect((await sendFrames(frames)).statusCode).toBe(200);
    expect((await sendFrames(frames, undefined)).statusCode).toBe(200);
    expect((await sendFrames(frames, 'application/x-www-form-urlencoded')).statusCode).toBe(200);
  });

  it('nothing is signed: a replay an hour later or a changed body is still authenticated, as at GLAIR', async () => {
    const built = request({ kind: 'video', bytes: fakeVideo('mp4', 3) });
    clock = new Date(clock.getTime() + 3_600_000);
    const changed = Buffer.from(built.body.toString('latin1').replace('video:mp4:3', 'video:mp4:4'), 'latin1');
    expect((await send(VIDEO_URL, built.headers, built.body)).statusCode).toBe(200);
    expect((await send(VIDEO_URL, built.headers, changed)).statusCode).toBe(200);
  });
});

describe('authentication (public errors page: 401 for a missing API key or a wrong username/password)', () => {
  it.each([
    ['no x-api-key', { Authorization: authHeaders.Authorization }, 'Missing API key'],
    ['an empty x-api-key', { ...authHeaders, 'x-api-key': '' }, 'Missing API key'],
    ['a wrong x-api-key', { ...authHeaders, 'x-api-key': 'not-the-key' }, 'Invalid API key'],
    ['no Authorization', { 'x-api-key': API_KEY }, 'Missing Authorization header'],
    ['a Bearer token', { ...authHeaders, Authorization: 'Bearer abc' }, 'Invalid Authorization header'],
    [
      'Basic without a colon',
      { ...authHeaders, Authorization: `Basic ${Buffer.from(USERNAME).toString('base64')}` },
      'Invalid Authorization header',
    ],
    [
      'a wrong password',
      { ...authHeaders, Authorization: basicAuthorization(USERNAME, 'wrong') },
      'Invalid username or password',
    ],
    [
      'a wrong username',
      { ...authHeaders, Authorization: basicAuthorization('someone', PASSWORD) },
      'Invalid username or password',
    ],
    [
      'the password with a trailing space',
      { ...authHeaders, Authorization: basicAuthorization(USERNAME, `${PASSWORD} `) },
      'Invalid username or password',
    ],
  ])('%s → 401', async (_label, headers, reason) => {
    const built = request({ kind: 'video', bytes: fakeVideo() });
    const answer = await send(VIDEO_URL, { ...headers, 'Content-Type': built.headers['Content-Type']! }, built.body);
    expect(answer).toEqual({
      statusCode: 401,
      requestId: expect.stringMatching(UUID),
      retryAfter: undefined,
      body: error('ERROR', reason),
    });
  });

  it('the frames endpoint checks the same way', async () => {
    const built = request({ kind: 'image', bytes: fakeImage() }, { ...goodCredentials, apiKey: 'wrong' });
    expect((await send(FRAMES_URL, built.headers, built.body)).statusCode).toBe(401);
  });

  it('credentials are checked before anything else (a garbage body still gets 401)', async () => {
    expect((await send(VIDEO_URL, { 'Content-Type': 'text/plain' }, 'garbage')).statusCode).toBe(401);
  });
});

describe('the video endpoint', () => {
  const withVideoPart = (name: string, disposition: string, data: string) =>
    Buffer.from(`--b\r\nContent-Disposition: form-data; name="${name}"${disposition}\r\n\r\n${data}\r\n--b--\r\n`);
  const multipart = { ...authHeaders, 'Content-Type': 'multipart/form-data; boundary=b' };

  it.each([
    ['application/json', 415, error('ERROR', 'Content-Type must be multipart/form-data')],
    ['multipart/form-data', 415, error('ERROR', 'Content-Type must be multipart/form-data')], // no boundary
  ])('Content-Type %s → %i', async (contentType, status, body) => {
    const answer = await send(VIDEO_URL, { ...authHeaders, 'Content-Type': contentType }, fakeVideo());
    expect(answer).toMatchObject({ statusCode: status, body, requestId: expect.stringMatching(UUID) });
  });

  it('a malformed multipart body → 400', async () => {
    expect(await send(VIDEO_URL, multipart, 'not multipart')).toMatchObject({
      statusCode: 400,
      body: error('ERROR', 'Malformed multipart body'),
    });
  });

  it.each([
    ['no video field', withVideoPart('file', '; filename="v.mp4"', fakeVideo().toString())],
    ['a video field that is not a file', withVideoPart('video', '', fakeVideo().toString())],
    ['an empty file', withVideoPart('video', '; filename="v.mp4"', '')],
    ['an empty form', Buffer.from('--b--\r\n')],
  ])("%s → the doc's 400 example, verbatim", async (_label, body) => {
    expect(await send(VIDEO_URL, multipart, body)).toMatchObject({
      statusCode: 400,
      body: { reason: 'No file in request body', status: 'ERROR' },
    });
  });

  it('exactly 6 MiB is accepted; one byte more → 413', async () => {
    const sixMiB = Buffer.from(
      fakeVideo()
        .toString('latin1')
        .padEnd(6 * MiB, ' '),
      'latin1',
    );
    expect((await check({ kind: 'video', bytes: sixMiB })).statusCode).toBe(200);
    const over = Buffer.concat([sixMiB, Buffer.from(' ')]);
    expect(await check({ kind: 'video', bytes: over })).toMatchObject({
      statusCode: 413,
      body: error('ERROR', 'File size exceeds the 6MB limit'),
    });
  });

  it('a body over the route limit too → the same 413 (answered by the simulator, not Fastify)', async () => {
    const answer = await check({ kind: 'video', bytes: Buffer.alloc(9 * MiB) });
    expect(answer).toMatchObject({
      statusCode: 413,
      requestId: expect.stringMatching(UUID),
      body: error('ERROR', 'File size exceeds the 6MB limit'),
    });
  });

  it.each([
    ['undecodable bytes', Buffer.from('garbage')],
    ['a WebM', fakeVideo('webm')],
    ['a QuickTime .mov', fakeVideo('mov')],
    ['an image', fakeImage()],
  ])('%s → 400 FILE_INVALID_FORMAT', async (_label, bytes) => {
    expect(await check({ kind: 'video', bytes })).toMatchObject({
      statusCode: 400,
      body: error('FILE_INVALID_FORMAT', 'Video must be an .mp4 file'),
    });
  });

  it('a decode failure does not use up a queued outcome', async () => {
    control.enqueue({ outcome: 'fake' });
    await check({ kind: 'video', bytes: Buffer.from('garbage') });
    expect((await check({ kind: 'video', bytes: fakeVideo() })).body.read?.deepfake.value).toBe('fake');
  });
});

describe('the frames endpoint', () => {
  const image = fakeImage().toString('base64');

  it.each([
    ['not JSON', 'not json', 400, error('ERROR', 'Request body is not valid JSON')],
    ['no frames', '{}', 400, error('NO_FILE', 'No frames in request body')],
    ['a JSON array', '[]', 400, error('NO_FILE', 'No frames in request body')],
    ['an empty list', '{"frames":[]}', 400, error('NO_FILE', 'No frames in request body')],
    ['frames as a string', JSON.stringify({ frames: image }), 400, error('ERROR', 'frames must be a list of base64 strings')],
    ['a number frame', '{"frames":[42]}', 400, error('FILE_INVALID_FORMAT', 'Frame 0 is not a base64 string')],
    [
      'an empty frame',
      JSON.stringify({ frames: [image, ''] }),
      400,
      error('FILE_INVALID_FORMAT', 'Frame 1 is not a base64 string'),
    ],
    ['text', JSON.stringify({ frames: ['not base64!'] }), 400, error('FILE_INVALID_FORMAT', 'Frame 0 is not a base64 string')],
    [
      'url-safe base64',
      JSON.stringify({ frames: [Buffer.from([0xfb, 0xff, 0xbf]).toString('base64url')] }),
      400,
      error('FILE_INVALID_FORMAT', 'Frame 0 is not a base64 string'),
    ],
    [
      'a data: URL',
      JSON.stringify({ frames: [`data:image/jpeg;base64,${image}`] }),
      400,
      error('FILE_INVALID_FORMAT', 'Frame 0 is not a base64 string'),
    ],
    [
      'undecodable bytes',
      JSON.stringify({ frames: [Buffer.from('garbage').toString('base64')] }),
      400,
      error('FILE_INVALID_FORMAT', 'Frame 0 is not a JPEG or PNG image'),
    ],
    [
      'a video frame',
      JSON.stringify({ frames: [image, fakeVideo().toString('base64')] }),
      400,
      error('FILE_INVALID_FORMAT', 'Frame 1 is not a JPEG or PNG image'),
    ],
  ])('%s → %i', async (_label, payload, status, body) => {
    expect(await sendFrames(payload)).toMatchObject({ statusCode: status, body, requestId: expect.stringMatching(UUID) });
  });

  it('a multipart body → 415', async () => {
    expect((await sendFrames(JSON.stringify({ frames: [image] }), 'multipart/form-data; boundary=b')).statusCode).toBe(415);
  });

  it('frames over 6 MiB in total → 413, even split across frames', async () => {
    const half = 'A'.repeat(3 * MiB);
    expect(await sendFrames(JSON.stringify({ frames: [half, `${half}AAAA`] }))).toMatchObject({
      statusCode: 413,
      body: error('ERROR', 'File size exceeds the 6MB limit'),
    });
  });
});

describe('rate limit (maxRequestsPerSecond)', () => {
  beforeEach(async () => {
    await app.close();
    await startSimulator({ maxRequestsPerSecond: 2 });
  });

  it('answers 429 with Retry-After beyond the rate, and recovers a second later', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await check({ kind: 'video', bytes: fakeVideo() }));
    expect(statuses.map((s) => s.statusCode)).toEqual([200, 200, 429]);
    expect(statuses[2]).toMatchObject({
      retryAfter: '1',
      requestId: expect.stringMatching(UUID),
      body: error('ERROR', 'Too Many Requests'),
    });
    clock = new Date(clock.getTime() + 1000);
    expect((await check({ kind: 'video', bytes: fakeVideo() })).statusCode).toBe(200);
  });

  it('counts on arrival, before the credentials are checked, and reports the counts in GET /_control', async () => {
    const wrong = await check({ kind: 'video', bytes: fakeVideo() }, { ...goodCredentials, password: 'wrong' });
    expect(wrong.statusCode).toBe(401);
    await check({ kind: 'video', bytes: fakeVideo() });
    const throttled = await check({ kind: 'video', bytes: fakeVideo() }, { ...goodCredentials, password: 'wrong' });
    expect(throttled.statusCode).toBe(429);
    const snapshot = (await app.inject({ method: 'GET', url: '/sim/glair/_control' })).json();
    expect(snapshot.rate).toEqual({
      maxRequestsPerSecond: 2,
      admitted: 2,
      limited: 1,
      firstAdmittedAt: clock.getTime(),
      lastAdmittedAt: clock.getTime(),
    });
  });

  it('without a maximum, nothing is limited but arrivals are still counted', async () => {
    await app.close();
    await startSimulator();
    for (let i = 0; i < 5; i++) expect((await check({ kind: 'video', bytes: fakeVideo() })).statusCode).toBe(200);
    const snapshot = (await app.inject({ method: 'GET', url: '/sim/glair/_control' })).json();
    expect(snapshot.rate).toMatchObject({ admitted: 5, limited: 0 });
    expect(snapshot.rate).not.toHaveProperty('maxRequestsPerSecond');
  });
});

describe('outcome control over HTTP', () => {
  const queue = (body: unknown) => app.inject({ method: 'POST', url: '/sim/glair/_control/next', payload: body as object });
  const video = () => check({ kind: 'video', bytes: fakeVideo() });

  it("fake → the doc's deepfake sample, then back to real", async () => {
    expect((await queue({ outcome: 'fake' })).statusCode).toBe(201);
    expect((await video()).body).toEqual({
      read: { deepfake: { confidence: 0.99768, value: 'fake' } },
      reason: 'File Successfully Read',
      status: 'SUCCESS',
    });
    expect((await video()).body.read?.deepfake.value).toBe('real');
  });

  it('suspicious → a fake the model is unsure of; confidence overrides', async () => {
    await queue({ outcome: 'suspicious' });
    await queue({ outcome: 'real', confidence: 0.3 });
    expect((await video()).body.read?.deepfake).toEqual({ value: 'fake', confidence: 0.55 });
    expect((await check({ kind: 'image', bytes: fakeImage() })).body.read?.deepfake).toEqual({ value: 'real', confidence: 0.3 });
  });

  it.each([
    ['401', 401, error('ERROR', 'Unauthorized'), undefined],
    ['403', 403, error('ERROR', 'Forbidden'), undefined],
    ['415', 415, error('ERROR', 'Unsupported Media Type'), undefined],
    ['429', 429, error('ERROR', 'Too Many Requests'), '1'],
    ['500', 500, error('ERROR', 'Internal Server Error'), undefined],
    ['503', 503, error('ERROR', 'Service Unavailable'), undefined],
    ['ERROR', 400, error('ERROR', 'No file in request body'), undefined],
    ['NO_FILE', 400, error('NO_FILE', 'No file in request body'), undefined],
    ['FILE_INVALID_FORMAT', 400, error('FILE_INVALID_FORMAT', 'Invalid file format'), undefined],
    ['FAILED', 200, error('FAILED', 'Failed to read file'), undefined],
    ['QUOTA_EXCEEDED', 400, error('QUOTA_EXCEEDED', 'Simulated status QUOTA_EXCEEDED'), undefined],
  ])('error %s → HTTP %i', async (errorCode, status, body, retryAfter) => {
    await queue({ outcome: 'error', errorCode });
    expect(await video()).toEqual({ statusCode: status, requestId: expect.stringMatching(UUID), retryAfter, body });
  });

  it('count repeats an outcome, then the queue moves on', async () => {
    await queue({ outcome: 'fake', count: 2 });
    await queue({ outcome: 'error', errorCode: 'FAILED' });
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const { body } = await video();
      answers.push(body.read?.deepfake.value ?? body.status);
    }
    expect(answers).toEqual(['fake', 'fake', 'FAILED', 'real']);
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
    [{ outcome: 'fake', confidence: 1.5 }],
  ])('refuses %j with 400', async (body) => {
    expect((await queue(body)).statusCode).toBe(400);
  });

  it('DELETE /_control clears the queue', async () => {
    await queue({ outcome: 'fake', count: 5 });
    const cleared = await app.inject({ method: 'DELETE', url: '/sim/glair/_control' });
    expect(cleared.json().queue).toEqual([]);
    expect((await video()).body.read?.deepfake.value).toBe('real');
  });

  it('GET /_control shows the queue and recent requests without credentials', async () => {
    await video();
    await check({ kind: 'video', bytes: fakeVideo() }, { ...goodCredentials, password: 'wrong-password' });
    await queue({ outcome: 'fake' });

    const response = await app.inject({ method: 'GET', url: '/sim/glair/_control' });
    const snapshot = response.json();
    expect(snapshot.queue).toEqual([{ outcome: 'fake', count: 1 }]);
    expect(snapshot.recentRequests).toHaveLength(2);
    expect(snapshot.recentRequests[0]).toMatchObject({
      method: 'POST',
      url: VIDEO_URL,
      bodyBytes: expect.any(Number),
      headers: { 'content-type': expect.stringMatching(/^multipart\/form-data; boundary=/) },
      answer: { httpStatus: 200, status: 'SUCCESS', value: 'real', requestId: expect.stringMatching(UUID) },
    });
    expect(snapshot.recentRequests[1].answer).toMatchObject({ httpStatus: 401, status: 'ERROR' });
    expect(response.body).not.toMatch(/authorization|x-api-key/i);
    for (const secret of [PASSWORD, API_KEY, 'wrong-password', authHeaders.Authorization.slice(6), fakeVideo().toString()]) {
      expect(response.body).not.toContain(secret);
    }
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
    ['face_640x480.mp4 as video', 'video', shared('face_640x480.mp4'), undefined],
    ['face_1280x720.mp4 as video', 'video', shared('face_1280x720.mp4'), undefined],
    ['a MediaRecorder fragmented mp4 as video', 'video', local('mediarecorder_h264_640x480.mp4'), undefined],
    ['astronaut.png as a frame', 'image', shared('astronaut.png'), undefined],
    ['a JPEG as a frame', 'image', local('astronaut_240x320.jpg'), undefined],
    ['astronaut.png as video', 'video', shared('astronaut.png'), 'FILE_INVALID_FORMAT'],
    ['face_640x480.mp4 as a frame', 'image', shared('face_640x480.mp4'), 'FILE_INVALID_FORMAT'],
    // (guess) The doc says ".mp4": Matroska and QuickTime are refused.
    ['the MediaRecorder .mkv as video', 'video', shared('mediarecorder_h264_1280x720.mkv'), 'FILE_INVALID_FORMAT'],
    ['a QuickTime .mov as video', 'video', local('h264_320x240_2s.mov'), 'FILE_INVALID_FORMAT'],
    ['random bytes as video', 'video', Buffer.from('definitely not a video'), 'FILE_INVALID_FORMAT'],
  ] as const)('%s → %s', async (_label, kind, bytes, status) => {
    const answer = await check({ kind, bytes });
    expect(answer.body.status).toBe(status ?? 'SUCCESS');
  });
});
