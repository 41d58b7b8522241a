/**
 * Multipart uploads built by hand, for tests of how the server reads them: parts with any name,
 * type or order, bodies sent piece by piece (paced, held back, or written whole before reading).
 */
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { TEST_CONSENT } from './test-server.js';

export const BOUNDARY = 'selfie-test-boundary-7d1f';
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

export interface PartSpec {
  name: string;
  filename?: string;
  type?: string;
}

/** A part's boundary line and headers; its body follows, then `\r\n`. */
export function partHead({ name, filename, type }: PartSpec): Buffer {
  const disposition = `form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}`;
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`);
}

export const CRLF = Buffer.from('\r\n');
export const END = Buffer.from(`--${BOUNDARY}--\r\n`);

/** A whole multipart body from parts with their bodies. */
export function multipartBody(parts: Array<PartSpec & { body: Uint8Array | string }>): Buffer {
  return Buffer.concat([...parts.flatMap((p) => [partHead(p), Buffer.from(p.body), CRLF]), END]);
}

/** POSTs a hand-built multipart body to /api/captures with fetch. */
export async function postMultipart(baseUrl: string, body: Buffer): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/api/captures`, {
    method: 'POST',
    headers: { 'content-type': MULTIPART_TYPE },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The meta JSON as the capture page sends it (Tencent, a valid consent, unless given). */
export function metaJson(meta: Record<string, unknown> = {}): string {
  return JSON.stringify({ providers: ['tencent'], consent: TEST_CONSENT, ...meta });
}

/** The meta part, whole. */
export function metaPart(meta: Record<string, unknown> = {}, type?: string): Buffer {
  return Buffer.concat([partHead({ name: 'meta', type }), Buffer.from(metaJson(meta)), CRLF]);
}

export interface StreamedAnswer {
  status?: number;
  body?: Record<string, unknown>;
  headers?: http.IncomingHttpHeaders;
  /** Bytes of the body written when the answer arrived, and how long after the start it came. */
  writtenAtAnswer?: number;
  answeredAfterMs?: number;
  written: number;
  /** The connection ended before the body was written (reset or closed by the server). */
  cutOff: boolean;
}

export interface StreamedUpload {
  head: Buffer;
  /** Bytes of filler after `head` (a file part's body), sent in `chunk`-sized writes. */
  filler: number;
  tail?: Buffer;
  chunk?: number;
  /** Pause between writes, to pace the body. */
  pauseMs?: number;
  /** Declared Content-Length (default: the real length); 'chunked' declares none. */
  contentLength?: number | 'chunked';
  /** Stop this many bytes before the end and never finish (the caller aborts). */
  holdBack?: number;
  signal?: AbortSignal;
  /** Called once the last byte that will be sent has been accepted by the socket. */
  onAllWritten?: () => void;
  /** Go on writing after the answer (as a client that does not read while it sends). */
  keepWritingAfterAnswer?: boolean;
  /** Called when the connection closes. */
  onClose?: () => void;
}

/** Waits for 'drain' or 'close', leaving no listener behind. */
function drainedOrClosed(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs a multipart body to /api/captures with node:http, paced and with backpressure. */
export async function sendStreamed(baseUrl: string, u: StreamedUpload): Promise<StreamedAnswer> {
  const tail = u.tail ?? Buffer.concat([CRLF, END]);
  const total = u.head.length + u.filler + tail.length;
  const url = new URL('/api/captures', baseUrl);
  const req = http.request({
    method: 'POST',
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    headers: {
      'content-type': MULTIPART_TYPE,
      ...(u.contentLength === 'chunked' ? {} : { 'content-length': String(u.contentLength ?? total) }),
    },
    signal: u.signal,
    // A fresh connection each time: one left with part of a body unsent must not carry the next request.
    agent: false,
  });
  const answer: StreamedAnswer = { written: 0, cutOff: false };
  const started = performance.now();
  const stopped = () => req.destroyed || (answer.status !== undefined && !u.keepWritingAfterAnswer);
  let ended = false;
  const response = new Promise<void>((resolve) => {
    req.on('response', (res) => {
      answer.status = res.statusCode;
      answer.headers = res.headers;
      answer.writtenAtAnswer = answer.written;
      answer.answeredAfterMs = performance.now() - started;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          answer.body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
        } catch {
          // not JSON
        }
        resolve();
      });
      res.on('error', () => resolve());
    });
    req.on('error', () => {
      answer.cutOff = !ended;
      resolve();
    });
    req.on('close', () => {
      u.onClose?.();
      resolve();
    });
  });
  const write = async (bytes: Buffer) => {
    if (stopped()) return;
    answer.written += bytes.length;
    if (!req.write(bytes)) await drainedOrClosed(req);
  };
  const sending = (async () => {
    await write(u.head);
    const chunkSize = u.chunk ?? 64 * 1024;
    const filler = Buffer.alloc(chunkSize, 0x61);
    const fillerToSend = u.filler - (u.holdBack ?? 0);
    for (let sent = 0; sent < fillerToSend && !stopped(); sent += chunkSize) {
      await write(filler.subarray(0, Math.min(chunkSize, fillerToSend - sent)));
      if (u.pauseMs) await sleep(u.pauseMs);
    }
    if (u.holdBack) {
      u.onAllWritten?.();
      return;
    }
    await write(tail);
    ended = answer.status === undefined;
    u.onAllWritten?.();
    if (!req.destroyed && ended) req.end();
  })();
  await Promise.all([sending, response]);
  // Answered before the body was all sent: this connection cannot carry anything more.
  if (!ended) req.destroy();
  return answer;
}

/**
 * A client that writes its whole request before reading anything (as Python's http.client does):
 * raw socket, every write waited for, and only then the answer read. Rejects after `timeoutMs`.
 */
export async function writeAllThenRead(
  baseUrl: string,
  body: Buffer,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  const url = new URL(baseUrl);
  const socket = net.connect(Number(url.port), url.hostname);
  socket.pause(); // nothing is read until the whole request is written
  await once(socket, 'connect');
  const timeout = sleep(timeoutMs).then(() => {
    throw new Error(`the request could not be written and answered within ${timeoutMs} ms`);
  });
  const exchange = (async () => {
    const head = `POST /api/captures HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: ${MULTIPART_TYPE}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const writeAll = async (bytes: Buffer) => {
      for (let i = 0; i < bytes.length; i += 64 * 1024) {
        if (!socket.write(bytes.subarray(i, i + 64 * 1024))) await once(socket, 'drain');
      }
    };
    await writeAll(Buffer.from(head));
    await writeAll(body);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.resume();
    // The answer is complete once its Content-Length has arrived.
    for (;;) {
      const text = Buffer.concat(chunks).toString('latin1');
      const headEnd = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      if (headEnd >= 0 && length && text.length >= headEnd + 4 + Number(length)) {
        return { status: Number(text.slice(9, 12)), text: text.slice(headEnd + 4) };
      }
      await Promise.race([
        once(socket, 'data'),
        once(socket, 'close').then(() => {
          throw new Error('closed before the answer');
        }),
      ]);
    }
  })();
  try {
    return await Promise.race([exchange, timeout]);
  } finally {
    socket.destroy();
  }
}
