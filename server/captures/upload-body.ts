/**
 * Watches an upload's body as it arrives: a byte cap (lowered once the meta says which providers
 * are chosen) and a minimum rate, so neither a huge body nor a trickling one (slow-loris) holds a
 * connection. After an early refusal the answer must still reach clients that write their whole
 * body before reading (Python's http.client, many SDKs): closing at once would reset the
 * connection under them and lose the answer. So the rest of the body is read and discarded — up
 * to the cap when it fits (the connection stays usable), or briefly ("lingering close", as nginx
 * does) when it does not — and then the connection is closed.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { HttpError } from '../http-error.js';

export interface BodyRate {
  /** Fewer bytes than this per second, over a whole window, closes the upload. */
  minBytesPerSecond: number;
  windowMs: number;
}

/**
 * How long, and how much, a body over its cap is still read after the answer. A reset reaching the
 * client before it has read the answer destroys the answer (TCP drops unread data on RST), so the
 * close waits a moment; the byte bound keeps that moment cheap on a fast link.
 */
const LINGER = { ms: 2000, bytes: 64 * 1024 * 1024 };

/**
 * Node ends a `Connection: close` exchange (the client's choice, e.g. Node's own client without an
 * agent) as soon as the answer is written, resetting a client still sending. On this socket it
 * half-closes instead (FIN after the answer) and closes once the rest of the body has been read,
 * or when the caller's bound ends it first.
 */
function closeOnlyAfterBody(raw: IncomingMessage): void {
  const socket = raw.socket as (Socket & { destroySoon?: () => void }) | null;
  const destroySoon = socket?.destroySoon;
  if (!socket || !destroySoon || raw.readableEnded) return;
  let answered = false;
  socket.destroySoon = () => {
    answered = true;
    if (raw.readableEnded) destroySoon.call(socket);
    else socket.end();
  };
  raw.once('end', () => {
    if (answered) socket.destroy();
  });
}

/**
 * Reads and discards what still comes for a little while, then closes. For a body that will not
 * be read (over its cap): the answer is already on its way and arrives before the close.
 */
export function lingerThenClose(raw: IncomingMessage): void {
  closeOnlyAfterBody(raw);
  let discarded = 0;
  const close = () => raw.socket?.destroy();
  const timer = setTimeout(close, LINGER.ms);
  timer.unref();
  raw.once('end', () => clearTimeout(timer)); // it was all sent: the connection is fine
  raw.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER.bytes) close();
  });
  raw.resume();
}

export interface WatchedBody {
  /** Lowers (or raises) the cap; bytes already received count against it. */
  setCap(bytes: number): void;
  /** Rejects (413 request_too_large, 408 upload_too_slow) when the body breaks a bound; never resolves. */
  readonly failed: Promise<never>;
  /** True after a stall: the answer must say `Connection: close` (nothing more will be read). */
  readonly mustClose: boolean;
  /** The rest of the body is over the cap: after the answer, linger briefly, then close. */
  overCap(): void;
  /** Stops feeding the parser and disposes of the rest of the body as the failure requires. */
  abandon(): void;
}

export function watchBody(raw: IncomingMessage, sink: Writable, opts: BodyRate & { cap: number }): WatchedBody {
  let cap = opts.cap;
  let received = 0;
  let atLastTick = 0;
  let abandoned = false;
  let mustClose = false;
  let over = false;
  let reject: (err: Error) => void = () => {};
  const failed = new Promise<never>((_resolve, rej) => {
    reject = rej;
  });
  failed.catch(() => {}); // observed by the reader; an abandoned body's failure has no one to tell

  const closeConnection = () => raw.socket?.destroy();
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received <= cap || over) return;
    over = true;
    if (abandoned) return closeConnection(); // draining, and more came than the cap allows
    reject(new HttpError(413, 'request_too_large', `The upload is larger than the ${cap} bytes these providers can take.`));
  };
  const minPerWindow = (opts.minBytesPerSecond * opts.windowMs) / 1000;
  const timer = setInterval(() => {
    const got = received - atLastTick;
    atLastTick = received;
    if (got >= minPerWindow) return;
    if (abandoned) return closeConnection(); // the answer is out; a trickle is not waited for
    mustClose = true;
    reject(
      new HttpError(
        408,
        'upload_too_slow',
        `The upload arrived slower than ${opts.minBytesPerSecond} bytes per second; it was closed.`,
      ),
    );
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
      onData(Buffer.alloc(0));
    },
    failed,
    get mustClose() {
      return mustClose;
    },
    overCap() {
      over = true;
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
      if (over) {
        stop();
        raw.off('data', onData);
        lingerThenClose(raw);
        return;
      }
      closeOnlyAfterBody(raw);
      raw.resume(); // drain up to the cap: onData closes the connection past it
    },
  };
}
