/** The fitting worker's life: started per job, or ahead of it (keepFitWorkerWarm) and taken by the next job. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepFitWorkerWarm, runBrowserFitJob } from './run-browser-fit';

/** A stand-in for browser-fit-worker.ts: says `ready` at once, answers a job with its input. */
class FakeWorker extends EventTarget {
  static started: FakeWorker[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    super();
    FakeWorker.started.push(this);
    queueMicrotask(() => this.post({ type: 'ready' }));
  }
  post(data: unknown) {
    const event = new MessageEvent('message', { data });
    this.dispatchEvent(event);
    this.onmessage?.(event);
  }
  postMessage(job: { input: Uint8Array }) {
    queueMicrotask(() => this.post({ type: 'done', bytes: job.input, execMs: 1 }));
  }
  terminate() {
    this.terminated = true;
  }
}

beforeEach(() => {
  FakeWorker.started = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

const job = () => runBrowserFitJob({ action: { kind: 'trim', durationS: 2.8 }, input: new Uint8Array([1, 2, 3]) });

describe('runBrowserFitJob and keepFitWorkerWarm', () => {
  it('without a warm worker, each job starts its own and ends it', async () => {
    expect((await job()).bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(FakeWorker.started).toHaveLength(1);
    expect(FakeWorker.started[0]!.terminated).toBe(true);
  });

  it('a job takes the worker started while recording (no second one), and the cleanup then leaves it alone', async () => {
    const release = keepFitWorkerWarm();
    await Promise.resolve();
    await job();
    expect(FakeWorker.started).toHaveLength(1);
    release();
    await job();
    expect(FakeWorker.started).toHaveLength(2);
  });

  it('a warm worker no job took is ended by the cleanup', () => {
    const release = keepFitWorkerWarm();
    expect(keepFitWorkerWarm).not.toThrow(); // a second call keeps the one spare
    release();
    expect(FakeWorker.started).toHaveLength(1);
    expect(FakeWorker.started[0]!.terminated).toBe(true);
  });
});
