import { once } from 'node:events';
import { stat } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRateLimiter, yieldToArrivals } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('admits at most the rate in any sliding second and counts what it turned away', () => {
    let now = 0;
    const limiter = createRateLimiter(5, () => now);
    const admitted = [0, 100, 200, 300, 400, 500, 999, 1000, 1100].map((t) => ((now = t), limiter.tryTake()));
    expect(admitted).toEqual([true, true, true, true, true, false, false, true, true]);
    expect(limiter.stats()).toMatchObject({ admitted: 7, limited: 2, firstAdmittedAt: 0, lastAdmittedAt: 1100 });
  });
});

describe('yieldToArrivals', () => {
  it('lets a request that arrived during a long answer be stamped before the answer goes on', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const [socket] = (await once(server, 'connection')) as [Socket];
    let arrived = false;
    socket.on('data', () => (arrived = true));
    // From an I/O callback, as a simulator's answer runs: bytes arrive while it computes.
    const seen = await new Promise<boolean>((resolve) =>
      stat('.', async () => {
        client.write('GET / HTTP/1.1\r\n\r\n');
        const until = performance.now() + 30;
        while (performance.now() < until); // hashing a 1 MB body
        await yieldToArrivals();
        resolve(arrived);
      }),
    );
    client.destroy();
    server.close();
    expect(seen).toBe(true);
  });
});
