import { describe, expect, it } from 'vitest';
import {
  buildDeepfakeRequest,
  glairUrl,
  newBoundary,
  serializeFramesBody,
  serializeVideoMultipart,
  GLAIR_DEFAULT_ENDPOINT,
} from './request.js';
import { multipartBoundary, parseMultipart } from './simulator/multipart.js';
import { bodyOf, loadGlairVectors, requireHeader, type CapturedRequest } from './vectors.test-helpers.js';

const vectors = loadGlairVectors();
const deepfakeCase = (name: string): CapturedRequest => {
  const request = vectors.cases.find((c) => c.name === name)?.requests[0];
  if (!request) throw new Error(`vector case ${name} missing`);
  return request;
};
const videoVector = deepfakeCase('deepfake-video');
const framesVector = deepfakeCase('deepfake-frames');

describe('glairUrl', () => {
  it.each([
    [GLAIR_DEFAULT_ENDPOINT, 'https://api.vision.glair.ai/face/v1/deepfake'],
    ['https://api.vision.glair.ai/', 'https://api.vision.glair.ai/face/v1/deepfake'],
    ['http://127.0.0.1:4123/sim/glair', 'http://127.0.0.1:4123/sim/glair/face/v1/deepfake'],
    ['http://127.0.0.1:4123/sim/glair/', 'http://127.0.0.1:4123/sim/glair/face/v1/deepfake'],
    ['http://127.0.0.1:4123/sim/glair//', 'http://127.0.0.1:4123/sim/glair/face/v1/deepfake'],
  ])('%s + /face/v1/deepfake → %s', (endpoint, url) => {
    expect(glairUrl(endpoint, '/face/v1/deepfake')).toBe(url);
  });

  it.each([
    ['not a url', /not a valid URL/],
    ['ftp://api.vision.glair.ai', /http\(s\)/],
    ['https://user:hunter2@api.vision.glair.ai', /must not contain credentials/],
    ['https://api.vision.glair.ai/?x=1', /query or fragment/],
    ['https://api.vision.glair.ai/#x', /query or fragment/],
  ])('refuses %s without echoing it', (endpoint, message) => {
    expect(() => glairUrl(endpoint, '/face/v1/deepfake')).toThrow(message);
    expect(() => glairUrl(endpoint, '/face/v1/deepfake')).not.toThrow(/hunter2/);
  });
});

describe('the video request (vector deepfake-video)', () => {
  const boundary = multipartBoundary(requireHeader(videoVector, 'content-type'))!;
  const [part] = parseMultipart(bodyOf(videoVector), boundary) ?? [];

  it('has one video part to compare with', () => {
    expect(boundary).toMatch(/^----formdata-undici-\d+$/);
    expect(part).toMatchObject({ name: 'video', filename: 'video.mp4', contentType: 'video/mp4' });
  });

  it('serializes byte-identically with the same boundary and file', () => {
    expect(serializeVideoMultipart(part!.data, boundary).equals(bodyOf(videoVector))).toBe(true);
  });

  it('has the recorded URL and headers', () => {
    const request = buildDeepfakeRequest({
      endpoint: GLAIR_DEFAULT_ENDPOINT,
      credentials: vectors.credentials,
      media: { kind: 'video', bytes: part!.data },
      boundary,
    });
    expect(request.url).toBe(videoVector.url);
    expect(request.headers).toEqual({
      Authorization: requireHeader(videoVector, 'Authorization'),
      'x-api-key': requireHeader(videoVector, 'x-api-key'),
      'Content-Type': requireHeader(videoVector, 'content-type'),
    });
    expect(request.body.equals(bodyOf(videoVector))).toBe(true);
  });

  it('is read back by a standard multipart parser (undici) with the exact bytes', async () => {
    const video = Buffer.from([0, 1, 2, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xfe]);
    const request = buildDeepfakeRequest({
      endpoint: GLAIR_DEFAULT_ENDPOINT,
      credentials: vectors.credentials,
      media: { kind: 'video', bytes: video },
    });
    const form = await new Response(request.body, { headers: { 'content-type': request.headers['Content-Type']! } }).formData();
    const file = form.get('video') as File;
    expect(file.name).toBe('video.mp4');
    expect(file.type).toBe('video/mp4');
    expect(Buffer.from(await file.arrayBuffer()).equals(video)).toBe(true);
    expect([...form.keys()]).toEqual(['video']);
  });

  it('uses a fresh boundary per request, never one found in the payload', () => {
    const bytes = Buffer.from('payload');
    const a = buildDeepfakeRequest({
      endpoint: GLAIR_DEFAULT_ENDPOINT,
      credentials: vectors.credentials,
      media: { kind: 'video', bytes },
    });
    const b = buildDeepfakeRequest({
      endpoint: GLAIR_DEFAULT_ENDPOINT,
      credentials: vectors.credentials,
      media: { kind: 'video', bytes },
    });
    expect(a.headers['Content-Type']).not.toBe(b.headers['Content-Type']);
    const boundary = newBoundary(bytes);
    expect(boundary.length).toBeLessThanOrEqual(70);
    expect(bytes.includes(boundary)).toBe(false);
  });
});

describe('the frames request (vector deepfake-frames)', () => {
  const recorded = JSON.parse(bodyOf(framesVector).toString('utf8')) as { frames: string[] };

  it('has two frames to compare with', () => {
    expect(recorded.frames).toHaveLength(2);
  });

  it('serializes byte-identically', () => {
    const frames = recorded.frames.map((frame) => Buffer.from(frame, 'base64'));
    expect(serializeFramesBody(frames).equals(bodyOf(framesVector))).toBe(true);
  });

  it('sends a still as a one-frame list with the recorded URL and headers', () => {
    const still = Buffer.from(recorded.frames[0]!, 'base64');
    const request = buildDeepfakeRequest({
      endpoint: GLAIR_DEFAULT_ENDPOINT,
      credentials: vectors.credentials,
      media: { kind: 'image', bytes: still },
    });
    expect(request.url).toBe(framesVector.url);
    expect(request.headers).toEqual({
      Authorization: requireHeader(framesVector, 'Authorization'),
      'x-api-key': requireHeader(framesVector, 'x-api-key'),
      'Content-Type': requireHeader(framesVector, 'Content-Type'),
    });
    expect(request.body.toString('utf8')).toBe(JSON.stringify({ frames: [recorded.frames[0]] }));
  });
});
