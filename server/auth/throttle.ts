/**
 * Login throttling: failed attempts are counted per email and per client IP in a sliding window;
 * past the limit, further attempts are refused (429 + Retry-After) until the oldest failure ages
 * out. In memory: one process, and a restart forgets (acceptable for a brute-force brake).
 */
export interface ThrottleOptions {
  windowMs: number;
  maxPerEmail: number;
  maxPerIp: number;
  now?: () => number;
}

export function createLoginThrottle(options: ThrottleOptions) {
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  function recent(key: string): number[] {
    const cutoff = now() - options.windowMs;
    const list = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) failures.delete(key);
    else failures.set(key, list);
    return list;
  }

  function waitFor(key: string, max: number): number {
    const list = recent(key);
    if (list.length < max) return 0;
    return list[list.length - max]! + options.windowMs - now();
  }

  return {
    /** Milliseconds to wait before another attempt is allowed (0 = go ahead). */
    retryAfterMs(email: string, ip: string): number {
      return Math.max(waitFor(`e:${email}`, options.maxPerEmail), waitFor(`i:${ip}`, options.maxPerIp), 0);
    },
    fail(email: string, ip: string): void {
      for (const key of [`e:${email}`, `i:${ip}`]) failures.set(key, [...recent(key), now()]);
    },
    /** A correct password clears the account's count (not the IP's: one good login must not unlock a spray). */
    succeed(email: string): void {
      failures.delete(`e:${email}`);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
