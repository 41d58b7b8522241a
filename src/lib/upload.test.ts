import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { postFormWithProgress } from './upload';

type Outcome =
  | { kind: 'load'; status: number; body: string; progress?: number[]; headers?: Record<string, string> }
  | { kind: 'error' }
  | { kind: 'hang' };

/** Minimal XMLHttpRequest stand-in: each send() plays the next scripted outcome. */
class FakeXhr {
  static script: Outcome[] = [];
  static sent: Array<{ url: string; headers: Record<string, string>; body: unknown }> = [];
  url = '';
  headers: Record<string, string> = {};
  status = 0;
  responseText = '';
  responseHeaders: Record<string, string> = {};
  responseType = '';
  timeout = 0;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;

  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(k: string, v: string) {
    this.headers[k] = v;
  }
  getResponseHeader(name: string): string | null {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }
  abort() {
    queueMicrotask(() => this.onabort?.());
  }
  send(body: unknown) {
    FakeXhr.sent.push({ url: this.url, headers: this.headers, body });
    const next = FakeXhr.script.shift() ?? { kind: 'error' };
    queueMicrotask(() => {
      if (next.kind === 'error') this.onerror?.();
      else if (next.kind === 'load') {
        for (const p of next.progress ?? []) this.upload.onprogress?.({ lengthComputable: true, loaded: p, total: 100 });
        this.status = next.status;
        this.responseText = next.body;
        this.responseHeaders = Object.fromEntries(Object.entries(next.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
        this.onload?.();
      }
    });
  }
}

const form = () => new FormData();

describe('postFormWithProgress', () => {
  beforeEach(() => {
    FakeXhr.script = [];
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('reports real progress and resolves with the JSON answer', async () => {
    FakeXhr.script = [{ kind: 'load', status: 202, body: '{"caseId":"c","captureToken":"t"}', progress: [25, 50, 100] }];
    const progress: number[] = [];
    const res = await postFormWithProgress('/api/captures', form, { onProgress: (p) => progress.push(p) });
    expect(res).toEqual({ caseId: 'c', captureToken: 't' });
    expect(progress).toEqual([0.25, 0.5, 1, 1]);
    expect(FakeXhr.sent[0]?.headers.Accept).toBe('application/json');
  });

  const waits: number[] = [];
  const fast = {
    retries: 3,
    retryDelaysMs: [1000, 3000],
    random: () => 0.5, // no jitter
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
  beforeEach(() => {
    waits.length = 0;
  });

  it('retries network errors and 5xx with growing back-off, announcing each retry and resetting progress', async () => {
    FakeXhr.script = [
      { kind: 'error' },
      { kind: 'load', status: 503, body: '{"code":"unavailable","message":"busy"}' },
      { kind: 'load', status: 202, body: '{"ok":true}' },
    ];
    const progress: number[] = [];
    const retries: unknown[] = [];
    const res = postFormWithProgress('/u', form, {
      ...fast,
      onProgress: (p) => progress.push(p),
      onRetry: (r) => retries.push(r),
    });
    await expect(res).resolves.toEqual({ ok: true });
    expect(FakeXhr.sent).toHaveLength(3);
    expect(waits).toEqual([1000, 3000]);
    expect(retries).toEqual([
      { attempt: 2, maxAttempts: 4, delayMs: 1000 },
      { attempt: 3, maxAttempts: 4, delayMs: 3000 },
    ]);
    expect(progress).toEqual([0, 0, 1]);
  });

  it('sends the same headers (e.g. Idempotency-Key) on every attempt', async () => {
    FakeXhr.script = [{ kind: 'error' }, { kind: 'load', status: 502, body: '' }, { kind: 'load', status: 200, body: '{}' }];
    await postFormWithProgress('/u', form, { ...fast, headers: { 'Idempotency-Key': 'key-123456' } });
    expect(FakeXhr.sent.map((s) => s.headers['Idempotency-Key'])).toEqual(['key-123456', 'key-123456', 'key-123456']);
  });

  it('the last delay repeats; gives up after the last attempt with the last error', async () => {
    FakeXhr.script = [
      { kind: 'error' },
      { kind: 'error' },
      { kind: 'error' },
      { kind: 'error' },
      { kind: 'load', status: 202, body: '{}' },
    ];
    await expect(postFormWithProgress('/u', form, fast)).rejects.toMatchObject({ status: 0, code: 'network_error' });
    expect(FakeXhr.sent).toHaveLength(4);
    expect(waits).toEqual([1000, 3000, 3000]);
  });

  it('jitters each wait by at most ±20 %', async () => {
    FakeXhr.script = [{ kind: 'error' }, { kind: 'load', status: 202, body: '{}' }];
    await postFormWithProgress('/u', form, { ...fast, random: () => 0 });
    expect(waits).toEqual([800]);
  });

  it('waits at least what Retry-After asks on a 429 / 503 busy', async () => {
    FakeXhr.script = [
      { kind: 'load', status: 429, body: '{"code":"rate_limited","message":"Slow down."}', headers: { 'Retry-After': '12' } },
      { kind: 'load', status: 503, body: '{"code":"busy","message":"Busy."}', headers: { 'Retry-After': '2' } },
      { kind: 'load', status: 202, body: '{"caseId":"c"}' },
    ];
    await expect(postFormWithProgress('/u', form, fast)).resolves.toEqual({ caseId: 'c' });
    expect(waits).toEqual([12_000, 3000]);
  });

  it('gives up at once when the wait asked for is longer than a person should watch, or the disk is full', async () => {
    FakeXhr.script = [
      {
        kind: 'load',
        status: 429,
        body: '{"code":"rate_limited","message":"Try in a minute."}',
        headers: { 'Retry-After': '60' },
      },
    ];
    await expect(postFormWithProgress('/u', form, fast)).rejects.toMatchObject({ code: 'rate_limited', retryAfterS: 60 });
    FakeXhr.script = [{ kind: 'load', status: 503, body: '{"code":"storage_full","message":"Full."}' }];
    await expect(postFormWithProgress('/u', form, fast)).rejects.toMatchObject({ code: 'storage_full' });
    expect(waits).toEqual([]);
    expect(FakeXhr.sent).toHaveLength(2);
  });

  it('does not retry by default', async () => {
    FakeXhr.script = [{ kind: 'error' }, { kind: 'load', status: 202, body: '{}' }];
    await expect(postFormWithProgress('/u', form)).rejects.toMatchObject({ status: 0 });
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it('does not retry a 4xx (the upload itself is wrong) and surfaces the API message', async () => {
    FakeXhr.script = [{ kind: 'load', status: 413, body: '{"code":"too_large","message":"The video is over 10 MB"}' }];
    await expect(postFormWithProgress('/u', form, fast)).rejects.toMatchObject({
      status: 413,
      code: 'too_large',
      message: 'The video is over 10 MB',
    });
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it('aborts on signal without retrying', async () => {
    FakeXhr.script = [{ kind: 'hang' }];
    const ac = new AbortController();
    const p = postFormWithProgress('/u', form, { ...fast, signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it('an abort during the back-off wait stops the retries', async () => {
    FakeXhr.script = [{ kind: 'error' }, { kind: 'load', status: 202, body: '{}' }];
    const ac = new AbortController();
    const p = postFormWithProgress('/u', form, {
      retries: 2,
      retryDelaysMs: [60_000],
      signal: ac.signal,
      onRetry: () => ac.abort(),
    });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeXhr.sent).toHaveLength(1);
  });
});
