/**
 * Issue 11 item 6, per vendor, through the real adapters as the registry wires them (rate-limited fetch, gateway):
 * an answer the vendor may have processed but we cannot read is never re-sent and never opens the circuit, and an
 * answer of 30 MB is neither read nor kept.
 */
import { describe, expect, it } from 'vitest';
import { mediaInput } from '../providers/adapter-kit/media-input.test-helpers.js';
import { createAlibabaCnProvider } from '../providers/alibaba-cn/client.js';
import { createAlibabaIntlProvider } from '../providers/alibaba-intl/client.js';
import { createFinauthProvider } from '../providers/finauth/client.js';
import { createGlairProvider } from '../providers/glair/client.js';
import { fakeImage } from '../providers/simulator-kit/probe-stub.test-helpers.js';
import { createTencentProvider } from '../providers/tencent/client.js';
import type { ProviderId, Provider } from '../providers/types.js';
import { testPolicy } from './gateway.test-helpers.js';
import { createRateLimitedFetch } from './rate-limited-fetch.js';
import { createVendorGateway } from './vendor-gateway.js';

type VendorId = Exclude<ProviderId, 'local'>;
const alibabaKeys = { accessKeyId: 'LTAIprotocoltest1', accessKeySecret: 'protocol-test-secret' };

const VENDORS: Record<VendorId, { build(fetch: typeof globalThis.fetch): Provider; unknownCode: string }> = {
  tencent: {
    build: (fetch) =>
      createTencentProvider({
        mode: 'live',
        endpoint: 'https://tencent.test/',
        secretId: 'AKIDprotocol1',
        secretKey: 'k',
        fetch,
      }),
    unknownCode: JSON.stringify({
      Response: { Error: { Code: 'FailedOperation.BrandNewReason', Message: 'new' }, RequestId: 'r' },
    }),
  },
  finauth: {
    build: (fetch) =>
      createFinauthProvider({
        mode: 'live',
        endpoint: 'https://finauth.test',
        apiKey: 'protocol-key',
        apiSecret: 'protocol-secret',
        fetch,
      }),
    unknownCode: JSON.stringify({ request_id: 'r', time_used: 1, error: 'BRAND_NEW_ERROR' }),
  },
  glair: {
    build: (fetch) =>
      createGlairProvider({
        mode: 'live',
        endpoint: 'https://glair.test',
        username: 'u',
        password: 'p',
        apiKey: 'protocol-key',
        fetch,
      }),
    unknownCode: JSON.stringify({ status: 'BRAND_NEW_STATUS', reason: 'new' }),
  },
  'alibaba-intl': {
    build: (fetch) =>
      createAlibabaIntlProvider({
        mode: 'live',
        endpoint: 'https://intl.test/',
        openPlatformEndpoint: 'https://openplatform.test/',
        sceneCode: 'selfie',
        fetch,
        ...alibabaKeys,
      }),
    unknownCode: JSON.stringify({ RequestId: 'r', Code: 'BrandNewCode', Message: 'new' }),
  },
  'alibaba-cn': {
    build: (fetch) => createAlibabaCnProvider({ mode: 'live', endpoint: 'https://cn.test/', fetch, ...alibabaKeys }),
    unknownCode: JSON.stringify({ RequestId: 'r', Code: 'BrandNewCode', Message: 'new' }),
  },
};

const THIRTY_MB = 30 * 1024 * 1024;

/** A 30 MB body made as it is read, so the test can tell how much of it was pulled. */
function thirtyMegabytes(pulled: { bytes: number }): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= THIRTY_MB) return controller.close();
      pulled.bytes += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x7b));
    },
  });
}

const json = { 'content-type': 'application/json' };
const ANSWERS: Record<string, (vendor: VendorId, pulled: { bytes: number }) => Response> = {
  'a 200 whose body cannot be parsed': () => new Response('{"Response":{"AttackRiskLevel":', { status: 200, headers: json }),
  'a redirect': () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.test/detect' } }),
  'an unknown error code': (vendor) => new Response(VENDORS[vendor].unknownCode, { status: 200, headers: json }),
  'a 30 MB answer': (_v, pulled) => new Response(thirtyMegabytes(pulled), { status: 200, headers: json }),
  'a 30 MB answer that says so': (_v, pulled) =>
    new Response(thirtyMegabytes(pulled), { status: 200, headers: { ...json, 'content-length': String(THIRTY_MB) } }),
};

// Three checks against a circuit that opens after two outages: any outage among them would show.
const policy = { ...testPolicy, maxAttempts: 4, breaker: { failureThreshold: 2, cooldownMs: 50 } };

describe.each(Object.keys(VENDORS) as VendorId[])('%s', (vendor) => {
  it.each(Object.keys(ANSWERS))('%s → vendor_protocol: not re-sent, not an outage', async (answer) => {
    const pulled = { bytes: 0 };
    let requests = 0;
    const limiter = createRateLimitedFetch(async () => (requests++, ANSWERS[answer]!(vendor, pulled)), undefined);
    const gateway = createVendorGateway(VENDORS[vendor].build(limiter.fetch), policy, limiter);
    for (let check = 1; check <= 3; check++) {
      const outcome = await gateway.run(mediaInput('image', fakeImage()), { idempotencyKey: `protocol-${check}` });
      expect(outcome).toMatchObject({ kind: 'error', category: 'vendor_protocol' });
      expect(requests, 'one request per check').toBe(check);
      expect(JSON.stringify(outcome.raw ?? null).length, 'raw kept small').toBeLessThan(4096);
    }
    expect(gateway.health()).toMatchObject({ state: 'closed', consecutiveFailures: 0 });
    expect(pulled.bytes, 'a huge answer is not read').toBeLessThan(3 * 1024 * 1024);
  });

  // Tencent carries every error code in a 200 body; a non-200 from it is the gateway's, not an API code.
  if (vendor === 'tencent') return;
  it('an unknown error code with HTTP 500 → vendor_protocol too', async () => {
    let requests = 0;
    const limiter = createRateLimitedFetch(
      async () => (requests++, new Response(VENDORS[vendor].unknownCode, { status: 500, headers: json })),
      undefined,
    );
    const gateway = createVendorGateway(VENDORS[vendor].build(limiter.fetch), policy, limiter);
    expect(await gateway.run(mediaInput('image', fakeImage()), { idempotencyKey: 'k' })).toMatchObject({
      category: 'vendor_protocol',
    });
    expect(requests).toBe(1);
    expect(gateway.health().consecutiveFailures).toBe(0);
  });
});
