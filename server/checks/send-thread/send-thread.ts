/**
 * Vendor requests whose quota the whole deployment shares (../quotas/) leave from a thread that does nothing else.
 * The main thread ingests uploads, hashes, encodes and stores clips: a 30 ms stretch of that work between a slot's
 * start and the socket write makes the request miss its slot (given up: quota lost) or arrive late (the vendor counts
 * it in its successor's second). So the request is handed over ready-built with its slot's times, ahead of the slot;
 * the thread sleeps until the slot, checks it is still good and writes the request (./send-worker.mjs). The answer
 * comes back as a Response, read in the thread up to the caller's bound.
 */
import { Worker } from 'node:worker_threads';
import { requestBytes, withFetchDefaults } from '../vendor-fetch.js';

/** A slot's times on this thread's `performance.now()` clock; both optional (undefined = now / no deadline). */
export interface SendTiming {
  sendAt?: number;
  sendBy?: number;
}

export interface ThreadedSend {
  /** True once the request is leaving; false when the slot was missed (nothing was sent). */
  sent: Promise<boolean>;
  response: Promise<Response>;
}

/** A request as bytes and exact headers, built once, sent as many times as slots are missed. */
export interface PreparedRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: ArrayBuffer | null;
  redirect: RequestRedirect;
  signal?: AbortSignal;
}

export interface SendThread {
  /** Builds the request whatever its body is (string, bytes, FormData); done before waiting for a slot. */
  prepare(input: RequestInfo | URL, init: RequestInit | undefined): Promise<PreparedRequest>;
  send(request: PreparedRequest, timing: SendTiming): ThreadedSend;
  /** Starts the thread now rather than at the first send (starting takes tens of milliseconds: a first slot's worth). */
  start(): void;
  /** Ends the thread (shutdown, tests); a later send starts a new one. */
  close(): Promise<void>;
}

type WorkerReply =
  | { id: number; type: 'sent' }
  | { id: number; type: 'missed'; lateMs: number }
  | { id: number; type: 'response'; status: number; statusText: string; headers: Array<[string, string]>; body: ArrayBuffer }
  | { id: number; type: 'error'; name: string; message: string; cause?: { code?: string; message: string } };

interface Pending {
  sent: Deferred<boolean>;
  response: Deferred<Response>;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => {}); // whoever awaits it still sees the rejection; nobody awaiting is not an error
  return { promise, resolve, reject };
}

const WORKER_URL = new URL('./send-worker.mjs', import.meta.url);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const wallOf = (t: number | undefined) => (t === undefined ? undefined : performance.timeOrigin + t);

/** What the thread answered, as fetch would have: a Response, or fetch's "fetch failed" TypeError with its cause. */
function settle(entry: Pending, reply: WorkerReply): void {
  if (reply.type === 'sent') entry.sent.resolve(true);
  else if (reply.type === 'missed') {
    entry.sent.resolve(false);
    entry.response.reject(new Error(`the send slot was missed by ${Math.round(reply.lateMs)} ms`));
  } else if (reply.type === 'response') {
    const body = NULL_BODY_STATUSES.has(reply.status) ? null : reply.body;
    entry.response.resolve(new Response(body, { status: reply.status, statusText: reply.statusText, headers: reply.headers }));
  } else {
    const error = reply.name === 'TypeError' ? new TypeError(reply.message) : new Error(reply.message);
    if (reply.cause) error.cause = Object.assign(new Error(reply.cause.message), { code: reply.cause.code });
    entry.sent.resolve(true);
    entry.response.reject(error);
  }
}

export function createSendThread(options: { maxAnswerBytes: number }): SendThread {
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 1;

  const failAll = (reason: Error) => {
    for (const entry of pending.values()) {
      entry.sent.reject(reason);
      entry.response.reject(reason);
    }
    pending.clear();
  };

  function thread(): Worker {
    if (worker) return worker;
    const started = new Worker(WORKER_URL, { workerData: { maxAnswerBytes: options.maxAnswerBytes }, execArgv: [] });
    started.unref(); // the server's own handles keep the process alive; an idle send thread must not
    started.on('message', (reply: WorkerReply) => {
      const entry = pending.get(reply.id);
      if (!entry) return;
      settle(entry, reply);
      if (reply.type !== 'sent') pending.delete(reply.id);
    });
    started.on('error', (error) => failAll(error));
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`the vendor send thread exited (${code})`));
    });
    worker = started;
    return started;
  }

  return {
    async prepare(input, init) {
      const { signal, ...rest } = init ?? {};
      if (input instanceof Request) {
        const request = new Request(input, rest);
        const body = request.body ? await request.arrayBuffer() : null;
        const headers = [...withFetchDefaults(new Headers(request.headers))];
        return {
          url: request.url,
          method: request.method,
          headers,
          body,
          redirect: request.redirect,
          signal: signal ?? undefined,
        };
      }
      // Bytes and strings as they are (a Request would copy the 1.4 MB body once more); FormData & co. serialised once.
      const { bytes, type } = await requestBytes(rest.body);
      const headers = new Headers(rest.headers);
      if (type && !headers.has('content-type')) headers.set('content-type', type);
      withFetchDefaults(headers);
      const whole = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const body = bytes ? (whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer) : null;
      const method = (rest.method ?? 'GET').toUpperCase();
      const url = new URL(String(input)).href;
      return { url, method, headers: [...headers], body, redirect: rest.redirect ?? 'follow', signal: signal ?? undefined };
    },
    send(request, timing) {
      const { signal } = request;
      signal?.throwIfAborted();
      const id = nextId++;
      const entry: Pending = { sent: deferred(), response: deferred() };
      pending.set(id, entry);
      const target = thread();
      // Copied, not transferred: a missed slot sends the same bytes again (a 1.4 MB copy is well under a millisecond).
      const { signal: _signal, ...message } = request;
      target.postMessage({ type: 'send', id, ...message, sendAt: wallOf(timing.sendAt) ?? 0, sendBy: wallOf(timing.sendBy) });
      signal?.addEventListener(
        'abort',
        () => {
          if (!pending.delete(id)) return;
          target.postMessage({ type: 'abort', id });
          entry.sent.reject(signal.reason);
          entry.response.reject(signal.reason);
        },
        { once: true },
      );
      return { sent: entry.sent.promise, response: entry.response.promise };
    },
    start() {
      thread();
    },
    async close() {
      const running = worker;
      worker = undefined;
      failAll(new Error('the vendor send thread was closed'));
      await running?.terminate();
    },
  };
}
