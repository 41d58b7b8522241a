import { describe, expect, it } from 'vitest';
import { decodeWirePairs } from './encoding.js';
import { buildRpcRequest, endpointUrl, FORM_CONTENT_TYPE } from './rpc-request.js';
import { parseAcsDate } from './signer.js';
import {
  ALIBABA_VECTOR_FILES,
  bodyOf,
  headerOf,
  loadVectors,
  requestsOfKind,
  requireHeader,
  type LabelledRequest,
} from './vectors.test-helpers.js';

const acs3Cases = requestsOfKind('acs3-hmac-sha256');

/** Rebuilds a captured request from its decoded parts, with the SDK's own date, nonce and credentials provider. */
function rebuild({ request, credentials }: LabelledRequest) {
  const contentType = headerOf(request, 'content-type');
  return buildRpcRequest({
    endpoint: `https://${requireHeader(request, 'host')}${request.path}`,
    action: requireHeader(request, 'x-acs-action'),
    version: requireHeader(request, 'x-acs-version'),
    method: request.method as 'GET' | 'POST',
    query: Object.fromEntries(decodeWirePairs(request.rawQuery)),
    form: contentType === undefined ? undefined : Object.fromEntries(decodeWirePairs(bodyOf(request).toString('utf8'))),
    accessKey: credentials,
    date: parseAcsDate(requireHeader(request, 'x-acs-date'))!,
    nonce: requireHeader(request, 'x-acs-signature-nonce'),
    credentialsProvider: headerOf(request, 'x-acs-credentials-provider'),
  });
}

describe('every ACS3 request in the three Alibaba vector files, byte for byte', () => {
  it('uses all of them: 2 DeepfakeDetectIntl + 3 Stream (plain, AuthorizeFileUpload, Advance call) + 2 DeepfakeDetect', () => {
    expect(acs3Cases.map((c) => `${c.file}/${c.caseName}/${c.request.role}`)).toEqual([
      'alibaba-intl.DeepfakeDetectIntl.json/base64-image/api-call',
      'alibaba-intl.DeepfakeDetectIntl.json/url-video/api-call',
      'alibaba-intl.DeepfakeDetectIntlStream.json/plain-faceFile-url/api-call',
      'alibaba-intl.DeepfakeDetectIntlStream.json/advance-file-stream/authorize-file-upload',
      'alibaba-intl.DeepfakeDetectIntlStream.json/advance-file-stream/api-call',
      'alibaba-cn.DeepfakeDetect.json/base64-image/api-call',
      'alibaba-cn.DeepfakeDetect.json/url-video/api-call',
    ]);
  });

  it.each(acs3Cases)('$file $caseName $request.role: Authorization, x-acs-content-sha256, body and target', (vector) => {
    const { request } = vector;
    const ours = rebuild(vector);
    expect(ours.headers.Authorization).toBe(requireHeader(request, 'Authorization'));
    expect(ours.headers['x-acs-content-sha256']).toBe(requireHeader(request, 'x-acs-content-sha256'));
    expect(Buffer.from(ours.body ?? '', 'utf8').equals(bodyOf(request))).toBe(true);
    const sent = new URL(ours.url);
    expect(`${sent.pathname}${sent.search}`).toBe(request.target);
    expect(ours.url).toBe(request.url);
    // Every signed header we send has the captured value, and there are no others.
    const signed = (headers: [string, string][]) =>
      Object.fromEntries(
        headers.filter(([k]) => /^(host|content-type|x-acs-.*)$/i.test(k)).map(([k, v]) => [k.toLowerCase(), v]),
      );
    expect(signed(Object.entries(ours.headers))).toEqual(signed(request.headers));
  });

  it('the query keeps ( ) * ! ~ raw on the wire but signs them RFC 3986-encoded (url-video)', () => {
    const vector = acs3Cases.find((c) => c.file.startsWith('alibaba-intl.DeepfakeDetectIntl.') && c.caseName === 'url-video')!;
    const ours = rebuild(vector);
    expect(ours.url).toContain('FaceUrl=https%3A%2F%2Fexample.com%2Fface%20dir%2Fv%2B1.mp4%3Fx%3D1%26y%3D(2)*%27!~&');
    expect(ours.signing.canonicalRequest.split('\n')[2]).toBe(
      'FaceInputType=VIDEO&FaceUrl=https%3A%2F%2Fexample.com%2Fface%20dir%2Fv%2B1.mp4%3Fx%3D1%26y%3D%282%29%2A%27%21~' +
        '&MerchantBizId=e0c34a77f5ac40a5aa5e6ed20c123456&ProductCode=FACE_DEEPFAKE&SceneCode=1234567890',
    );
    expect(vector.request.expectQueryParams?.FaceUrl).toBe("https://example.com/face dir/v+1.mp4?x=1&y=(2)*'!~");
  });

  it('reproduces the worked example of spec §2 (base64-image)', () => {
    const ours = rebuild(acs3Cases[0]!);
    expect(ours.signing.canonicalRequest.split('\n')).toEqual([
      'POST',
      '/',
      'FaceInputType=IMAGE&MerchantBizId=e0c34a77f5ac40a5aa5e6ed20c123456&ProductCode=FACE_DEEPFAKE&SceneCode=1234567890',
      'content-type:application/x-www-form-urlencoded',
      'host:cloudauth-intl.ap-southeast-1.aliyuncs.com',
      'x-acs-action:DeepfakeDetectIntl',
      'x-acs-content-sha256:65f10d926b8501d10ce29787f3be7883756177c27089c594d9fb408c3ea9231d',
      'x-acs-credentials-provider:static_ak',
      'x-acs-date:2026-11-21T20:20:07Z',
      'x-acs-signature-nonce:acee13bb4a783554579a382d1575b95b401cd4aaea29d1a1a8e84a3507c1c329',
      'x-acs-version:2022-08-09',
      '',
      'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-signature-nonce;x-acs-version',
      '65f10d926b8501d10ce29787f3be7883756177c27089c594d9fb408c3ea9231d',
    ]);
    expect(ours.body).toBe('FaceBase64=%2F9j%2F4AAQSkZJRgAB%2B%2B%2B%2B%2B%2F%2B%2FPj8Afvj8dGVzdC1pbWFnZf%2FZCg%3D%3D');
  });

  // We only ever sign V3. The v2 case (Signature in the query, HMAC-SHA1) is opt-in in the SDK and stays in the file
  // to document the trap; the OSS PostObject is not AK-signed at all (its multipart is covered in alibaba-intl).
  it('leaves out exactly the legacy v2 case and the OSS upload, each for its reason', () => {
    const all = ALIBABA_VECTOR_FILES.flatMap((file) => loadVectors(file).cases.flatMap((c) => c.requests));
    expect(all).toHaveLength(9);
    const other = all.filter((r) => r.check.kind !== 'acs3-hmac-sha256');
    expect(other.map((r) => r.check.kind)).toEqual(['multipart-exact', 'acs-rpc-v2-hmac-sha1']);
    const legacy = other[1]!;
    expect(headerOf(legacy, 'Authorization')).toBeUndefined();
    expect(legacy.rawQuery).toContain('SignatureMethod=HMAC-SHA1');
    expect(headerOf(other[0]!, 'Authorization')).toBeUndefined();
  });
});

describe('buildRpcRequest', () => {
  const base = {
    action: 'DeepfakeDetect',
    version: '2019-03-07',
    method: 'POST' as const,
    accessKey: { accessKeyId: 'id', accessKeySecret: 'secret' },
    date: new Date('2026-11-21T20:20:07.999Z'),
    nonce: 'n1',
  };

  it('signs the simulator host with its port and the real path prefix', () => {
    const ours = buildRpcRequest({ ...base, endpoint: 'http://127.0.0.1:8443/sim/alibaba-cn/', form: {} });
    expect(ours.url).toBe('http://127.0.0.1:8443/sim/alibaba-cn/');
    expect(ours.headers.host).toBe('127.0.0.1:8443');
    expect(ours.signing.canonicalRequest.split('\n').slice(0, 2)).toEqual(['POST', '/sim/alibaba-cn/']);
    expect(ours.signing.canonicalRequest).toContain('\nhost:127.0.0.1:8443\n');
  });

  it('drops the default port from Host, as fetch does', () => {
    expect(buildRpcRequest({ ...base, endpoint: 'https://cloudauth.aliyuncs.com:443', form: {} }).headers.host).toBe(
      'cloudauth.aliyuncs.com',
    );
  });

  it('takes a bare host as https (the SDK Config.endpoint form)', () => {
    expect(buildRpcRequest({ ...base, endpoint: 'cloudauth.aliyuncs.com', form: {} }).url).toBe(
      'https://cloudauth.aliyuncs.com/',
    );
  });

  it('sets and signs content-type only with a body; x-acs-date has seconds precision; no credentials-provider by default', () => {
    const post = buildRpcRequest({ ...base, endpoint: 'https://cloudauth.aliyuncs.com', form: { A: 'b c' } });
    expect(post.headers['content-type']).toBe(FORM_CONTENT_TYPE);
    expect(post.body).toBe('A=b%20c');
    expect(post.headers['x-acs-date']).toBe('2026-11-21T20:20:07Z');
    expect(post.signing.signedHeaders).toBe(
      'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    );
    const get = buildRpcRequest({
      ...base,
      method: 'GET',
      endpoint: 'https://openplatform.aliyuncs.com',
      query: { B: '1', A: '2' },
    });
    expect(get.body).toBeUndefined();
    expect(get.headers).not.toHaveProperty('content-type');
    expect(get.url).toBe('https://openplatform.aliyuncs.com/?A=2&B=1');
    expect(get.signing.signedHeaders).toBe(
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    );
  });

  it.each([
    ['ftp://cloudauth.aliyuncs.com/'],
    ['https://cloudauth.aliyuncs.com/?x=1'],
    ['https://cloudauth.aliyuncs.com/#f'],
    ['http://'],
  ])('refuses endpoint %s', (endpoint) => {
    expect(() => endpointUrl(endpoint)).toThrow(TypeError);
  });
});
