// The one HTTP request vendor calls are made with: bytes and exact headers written on node:http/https as they are,
// answered as a fetch `Response` (body streamed, decoded as fetch decodes it). Used by ../vendor-fetch.ts on the main
// thread and by ./send-worker.mjs in the send thread; plain JavaScript so that the worker, which runs without a
// TypeScript loader, can load it. Fetch's semantics where adapters rely on them: an abort rejects with the signal's
// reason (after the answer, its body stream errors), a network error rejects as TypeError('fetch failed', { cause })
// with cause.code (../../providers/adapter-kit/send.ts maps those), and redirects are never followed (every adapter
// asks for `redirect: 'manual'`: the 3xx is returned as it is).
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

// Keep-alive, as undici's pool: one TLS/TCP handshake per vendor, not per check. Each agent pools per host:port
// (= per origin). A socket idle for 4 s is closed (undici's default) before a vendor's idle timeout can race a reuse.
const IDLE_SOCKET_MS = 4_000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const DECODERS = {
  gzip: zlib.createGunzip,
  'x-gzip': zlib.createGunzip,
  deflate: zlib.createInflate,
  br: zlib.createBrotliDecompress,
};

/** The answer's body decoded as fetch decodes it (a vendor may compress unasked). */
function decoded(response) {
  const makeDecoder = DECODERS[response.headers['content-encoding']?.trim().toLowerCase()];
  if (!makeDecoder) return response;
  const decoder = makeDecoder();
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

function toResponse(answer, method) {
  const headers = new Headers();
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
  const status = answer.statusCode ?? 0;
  const empty = NULL_BODY_STATUSES.has(status) || method === 'HEAD';
  if (empty) answer.resume();
  return new Response(empty ? null : Readable.toWeb(decoded(answer)), {
    status,
    statusText: answer.statusMessage ?? '',
    headers,
  });
}

const abortReason = (signal) => signal.reason ?? new DOMException('This operation was aborted', 'AbortError');

/**
 * @param {{ url: string, method: string, headers: Iterable<[string, string]>, body: ArrayBuffer | Uint8Array | null,
 *   signal?: AbortSignal }} request
 * @returns {Promise<Response>}
 */
export function httpSend({ url, method, headers, body, signal }) {
  const target = new URL(url);
  const agent = agents[target.protocol];
  if (!agent)
    return Promise.reject(new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${target.protocol}`) }));
  const outgoing = Object.fromEntries(headers);
  const bytes = body ? (body instanceof Uint8Array ? body : new Uint8Array(body)) : undefined;
  if (bytes) outgoing['content-length'] = String(bytes.byteLength);
  else if (method === 'POST' || method === 'PUT') outgoing['content-length'] = '0';
  return new Promise((resolve, reject) => {
    let answer;
    const onAbort = () => {
      const reason = abortReason(signal);
      // Before the answer: the call rejects. After it: the body stream errors, as fetch's does.
      if (answer) answer.destroy(reason instanceof Error ? reason : undefined);
      else reject(reason);
      sent.destroy();
    };
    const sent = (target.protocol === 'https:' ? https : http).request(
      target,
      { method, headers: outgoing, agent },
      (response) => {
        answer = response;
        response.once('close', () => signal?.removeEventListener('abort', onAbort));
        resolve(toResponse(response, method));
      },
    );
    sent.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error }));
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    sent.end(bytes);
  });
}
