/**
 * Watches an upload's body as it arrives: a byte cap (lowered once the meta says which providers
 * are chosen) and a minimum rate, so neither a huge body nor a trickling one (slow-loris) holds a
 * connection. After an early refusal the rest of the body is read and discarded, up to the cap, so
 * a client that writes its whole body before reading still receives the answer; past the cap or
 * when it trickles, the connection is closed.
 */
import type { IncomingMessage } from 'node:http';
import type { Writable } from 'node:stream';
import { HttpError } from '../http-error.js';

export interface BodyRate {
  /** Fewer bytes than this per second, over a whole window, closes the upload. */
  minBytesPerSecond: number;
  windowMs: number;
}

export interface WatchedBody {
  /** Lowers (or raises) the cap; bytes already received count against it. */
  setCap(bytes: number): void;
  /** Rejects (413 request_too_large, 408 upload_too_slow) when the body breaks a bound; never resolves. */
  readonly failed: Promise<never>;
  /** Whether the connection must close after the answer (the rest of the body will not be read). */
  readonly mustClose: boolean;
  /** The rest of the body will not be read: close the connection once the answer is out. */
  closeAfterAnswer(): void;
  /** Stops feeding the parser; discards the rest up to the cap, or closes when the answer is sent. */
  abandon(): void;
}

export function watchBody(raw: IncomingMessage, sink: Writable, opts: BodyRate & { cap: number }): WatchedBody {
  let cap = opts.cap;
  let received = 0;
  let atLastTick = 0;
  let abandoned = false;
  let mustClose = false;
  let reject: (err: Error) => void = () => {};
  const failed = new Promise<never>((_resolve, rej) => {
    reject = rej;
  });
  failed.catch(() => {}); // observed by the reader; an abandoned body's failure has no one to tell

  const closeConnection = () => raw.socket?.destroy();
  const fail = (err: HttpError) => {
    if (abandoned) return closeConnection(); // the answer is sent or on its way: just hang up
    mustClose = true;
    reject(err);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > cap) fail(new HttpError(413, 'request_too_large', `The upload is larger than the ${cap} bytes these providers can take.`));
  };
  const minPerWindow = (opts.minBytesPerSecond * opts.windowMs) / 1000;
  const timer = setInterval(() => {
    const got = received - atLastTick;
    atLastTick = received;
    if (got < minPerWindow) {
      fail(new HttpError(408, 'upload_too_slow', `The upload arrived slower than ${opts.minBytesPerSecond} bytes per second; it was closed.`));
    }
  }, opts.windowMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  raw.once('end', stop);
  raw.once('close', stop);
  raw.on('data', onData);
  raw.pipe(sink);

  return {
    setCap(bytes) {
      cap = bytes;
      if (received > cap) onData(Buffer.alloc(0));
    },
    failed,
    get mustClose() {
      return mustClose;
    },
    closeAfterAnswer() {
      mustClose = true;
    },
    abandon() {
      if (abandoned) return;
      abandoned = true;
      raw.unpipe(sink);
      if (mustClose) {
        // Nothing more is read; Connection: close ends the socket once the answer is out.
        raw.pause();
        return;
      }
      raw.resume();
    },
  };
}
