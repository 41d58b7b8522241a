/**
 * Behind a reverse proxy (issue 14 item 4): with TRUST_PROXY naming the proxy, the rate limits
 * count the client its X-Forwarded-For names; without it, or from any other peer, the header is
 * ignored (a client cannot pick its own address).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const LIMIT = 3;
const PROXY = '10.0.0.1';
const limits = { RATE_LIMITS: 'on', RATE_LIMIT_READS_PER_MINUTE: String(LIMIT) };
let direct: TestServer;
let proxied: TestServer;
beforeAll(async () => {
  direct = await startTestServer(limits);
  proxied = await startTestServer({ ...limits, TRUST_PROXY: `${PROXY}, 10.0.1.0/24` });
}, 60_000);
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
});

/** GET /api/health from `peer`, forwarded for `client`; the status codes of `n` calls. */
async function statuses(t: TestServer, peer: string, clients: string[]): Promise<number[]> {
  const codes: number[] = [];
  for (const client of clients) {
    const res = await t.server.app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: peer,
      headers: { 'x-forwarded-for': client },
    });
    codes.push(res.statusCode);
  }
  return codes;
}

const fourClients = (net: string) => [1, 2, 3, 4].map((i) => `${net}.${i}`);

it('without TRUST_PROXY, X-Forwarded-For is ignored: every client behind the proxy shares its allowance', async () => {
  expect(await statuses(direct, PROXY, fourClients('198.51.100'))).toEqual([200, 200, 200, 429]);
});

it('with TRUST_PROXY, each forwarded client has its own allowance, and one client is still limited', async () => {
  expect(await statuses(proxied, PROXY, fourClients('198.51.100'))).toEqual([200, 200, 200, 200]);
  expect(await statuses(proxied, '10.0.1.7', Array(4).fill('192.0.2.9'))).toEqual([200, 200, 200, 429]);
});

it('with TRUST_PROXY, a peer that is not the proxy cannot choose its address through the header', async () => {
  expect(await statuses(proxied, '203.0.113.9', fourClients('198.51.101'))).toEqual([200, 200, 200, 429]);
});
