import { describe, expect, it } from 'vitest';
import {
  antiDeepfakeUrl,
  buildAntiDeepfakeRequest,
  fileNameFor,
  newBoundary,
  partContentType,
  serializeMultipart,
} from './request.js';
import { decodeSign } from './signer.js';
import { bodyOf, headerOf, loadFinauthVectors, multipartRequests, splitMultipart } from './vectors.test-helpers.js';

const vectors = loadFinauthVectors();
const recorded = multipartRequests(vectors);

describe('the multipart body against the recorded request shapes', () => {
  it('uses every multipart case in the file (image and video)', () => {
    expect(recorded.map((r) => r.caseName)).toEqual(['image', 'video']);
  });

  it.each(recorded)('$caseName: our body is byte-identical to the recorded one', ({ request }) => {
    const contentType = headerOf(request, 'content-type') ?? '';
    const boundary = /boundary=(.*)$/.exec(contentType)?.[1] ?? '';
    const recordedBody = bodyOf(request);
    const filePart = splitMultipart(recordedBody, boundary).find((part) => part.name === request.check.fileField);
    const vector = vectors.signVectors[request.check.signVector]!;
    expect(filePart?.filename).toBeDefined();

    const built = buildAntiDeepfakeRequest({
      endpoint: 'https://api-sgp.yljz.com',
      credentials: vectors.credentials,
      media: {
        kind: request.check.fileField === 'image' ? 'image' : 'video',
        bytes: filePart!.data,
        container: request.check.fileField === 'image' ? 'jpeg' : 'mp4',
        mime: filePart!.contentType!,
      },
      now: () => new Date(vector.currentTime * 1000),
      random: () => vector.random,
      boundary,
    });
    expect(built.url).toBe(request.url);
    expect(built.headers).toEqual({ 'Content-Type': contentType });
    expect(built.body.equals(recordedBody)).toBe(true);
    expect(built.body.length).toBe(Number(headerOf(request, 'content-length')));
  });
});

describe('buildAntiDeepfakeRequest', () => {
  const base = {
    endpoint: 'http://127.0.0.1:8080/sim/finauth',
    credentials: { apiKey: 'key', apiSecret: 'secret' },
    media: { kind: 'video' as const, bytes: Buffer.from('clip'), container: 'mp4', mime: 'video/mp4' },
  };

  it('signs afresh on every build (new time, new random, new boundary)', () => {
    let clock = 1795292400_000;
    let counter = 0;
    const build = () => buildAntiDeepfakeRequest({ ...base, now: () => new Date(clock), random: () => String(++counter) });
    const first = build();
    clock += 2000;
    const second = build();
    expect(first.signFields).toMatchObject({ currentTime: 1795292400, expireTime: 1795292500, random: '1' });
    expect(second.signFields).toMatchObject({ currentTime: 1795292402, random: '2' });
    expect(second.headers['Content-Type']).not.toBe(first.headers['Content-Type']);
    const signOf = (body: Buffer) => /name="sign"\r\n\r\n([^\r]+)/.exec(body.toString('latin1'))?.[1] ?? '';
    expect(decodeSign(signOf(first.body))?.fields.random).toBe('1');
    expect(decodeSign(signOf(second.body))?.fields.random).toBe('2');
  });

  it('lays out an image as data_type 0 with an `image` part named face.png', () => {
    const built = buildAntiDeepfakeRequest({
      ...base,
      media: { kind: 'image', bytes: Buffer.from('png-bytes'), container: 'png', mime: 'image/png' },
      now: () => new Date(),
      random: () => '1',
      boundary: 'b',
    });
    const text = built.body.toString('latin1');
    expect(text).toContain('--b\r\nContent-Disposition: form-data; name="sign_version"\r\n\r\nhmac_sha1\r\n');
    expect(text).toContain('--b\r\nContent-Disposition: form-data; name="data_type"\r\n\r\n0\r\n');
    expect(text).toContain(
      '--b\r\nContent-Disposition: form-data; name="image"; filename="face.png"\r\nContent-Type: image/png\r\n\r\n' +
        'png-bytes\r\n--b--\r\n',
    );
  });

  const badEndpoints = [['not a url'], ['ftp://api-sgp.yljz.com'], ['https://user:pw@api-sgp.yljz.com']];
  it.each(badEndpoints)('refuses endpoint %s', (endpoint) => {
    expect(() => buildAntiDeepfakeRequest({ ...base, endpoint, now: () => new Date(), random: () => '1' })).toThrow(TypeError);
  });

  it('refuses a random source that breaks the format, without echoing the key', () => {
    expect(() => buildAntiDeepfakeRequest({ ...base, now: () => new Date(), random: () => 'abc' })).toThrow(/random/);
  });
});

describe('antiDeepfakeUrl', () => {
  it.each([
    ['https://api-sgp.yljz.com', 'https://api-sgp.yljz.com/finauth/v5/anti_deepfake'],
    ['https://api-sgp.yljz.com/', 'https://api-sgp.yljz.com/finauth/v5/anti_deepfake'],
    ['https://api-idn.yljz.com', 'https://api-idn.yljz.com/finauth/v5/anti_deepfake'],
    ['http://127.0.0.1:4321/sim/finauth', 'http://127.0.0.1:4321/sim/finauth/finauth/v5/anti_deepfake'],
    ['http://127.0.0.1:4321/sim/finauth/', 'http://127.0.0.1:4321/sim/finauth/finauth/v5/anti_deepfake'],
    ['http://127.0.0.1:4321/sim/finauth//', 'http://127.0.0.1:4321/sim/finauth/finauth/v5/anti_deepfake'],
    ['https://api-sgp.yljz.com/finauth/v5/anti_deepfake', 'https://api-sgp.yljz.com/finauth/v5/anti_deepfake'],
    ['https://proxy.example/finauth/v5/anti_deepfake/', 'https://proxy.example/finauth/v5/anti_deepfake'],
    ['https://proxy.example/p?tenant=1#frag', 'https://proxy.example/p/finauth/v5/anti_deepfake?tenant=1'],
  ])('%s → %s', (endpoint, url) => {
    expect(antiDeepfakeUrl(endpoint)).toBe(url);
  });
});

describe('the file part', () => {
  it.each([
    ['jpeg', 'face.jpg'],
    ['png', 'face.png'],
    ['mp4', 'face.mp4'],
    ['mov', 'face.mov'],
    ['webm', 'face.webm'],
    ['../../etc/passwd', 'face.bin'],
    ['mp4"; name="x', 'face.bin'],
  ])('container %s → %s', (container, name) => {
    expect(fileNameFor(container)).toBe(name);
  });

  it.each([
    ['video/mp4', 'video/mp4'],
    ['Video/MP4', 'video/mp4'],
    ['video/webm; codecs="vp8"', 'video/webm'],
    ['video/x-matroska', 'video/x-matroska'],
    ['image/jpeg\r\nX-Injected: 1', 'application/octet-stream'],
    ['', 'application/octet-stream'],
  ])('mime %j → %s', (mime, type) => {
    expect(partContentType(mime)).toBe(type);
  });

  it('a boundary never occurs in the file', () => {
    const data = Buffer.from('x'.repeat(1000));
    const boundary = newBoundary(data);
    expect(boundary).toMatch(/^----FinAuthFormBoundary[0-9a-f]{24}$/);
    const body = serializeMultipart(boundary, [{ name: 'f', filename: 'a', contentType: 'x/y', data }]);
    expect(body.toString()).toContain(`--${boundary}--\r\n`);
  });
});
