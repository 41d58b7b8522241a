import { describe, expect, it } from 'vitest';
import { runWithDeadline, uniqueIdFromIdempotencyKey } from './transport.js';

describe('uniqueIdFromIdempotencyKey', () => {
  it('is the UUID without dashes (32 alphanumerics), the same on every retry', () => {
    expect(uniqueIdFromIdempotencyKey('5F0C8A2E-3B7D-4C1E-9A6F-2D8E4B1C7A90')).toBe('5f0c8a2e3b7d4c1e9a6f2d8e4b1c7a90');
  });

  it('hashes any other key down to 32 hex characters', () => {
    const id = uniqueIdFromIdempotencyKey('check-1');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(uniqueIdFromIdempotencyKey('check-1')).toBe(id);
    expect(uniqueIdFromIdempotencyKey('check-2')).not.toBe(id);
  });
});

describe('runWithDeadline', () => {
  const vendor = 'V';

  it('turns a thrown network error into unavailable, naming its cause code', async () => {
    const outcome = await runWithDeadline({ vendor, timeoutMs: 1000 }, async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    expect(outcome).toMatchObject({
      kind: 'error',
      category: 'unavailable',
      vendorCode: 'Client.NetworkError',
      message: 'Could not reach V: ECONNREFUSED',
    });
  });

  it('our own deadline → timeout; the caller\u2019s TimeoutError → timeout; any other abort → Client.Aborted', async () => {
    const waitForAbort = ({ signal }: { signal: AbortSignal }) =>
      new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    expect(await runWithDeadline({ vendor, timeoutMs: 20 }, waitForAbort)).toMatchObject({
      category: 'timeout',
      vendorCode: 'Client.Timeout',
    });
    expect(await runWithDeadline({ vendor, timeoutMs: 5000, signal: AbortSignal.timeout(20) }, waitForAbort)).toMatchObject({
      category: 'timeout',
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    expect(await runWithDeadline({ vendor, timeoutMs: 5000, signal: controller.signal }, waitForAbort)).toMatchObject({
      category: 'unavailable',
      vendorCode: 'Client.Aborted',
    });
  });
});
