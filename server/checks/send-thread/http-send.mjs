// The send thread's HTTP request (./send-worker.mjs): a prepared request (bytes + exact headers) written on
// node:http/https as it is, answered as a fetch Response. Plain JavaScript for the same reason as the worker; it is
// ../vendor-fetch.ts's request half (that module cannot be loaded here without a TypeScript loader): the same
// keep-alive agents, abort and "fetch failed" semantics. Redirects are never followed (adapters ask for 'manual').
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

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

/** @param {{ url: string, method: string, headers: Array<[string, string]>, body: ArrayBuffer | null, signal: AbortSignal }} request */
export function httpSend({ url, method, headers, body, signal }) {
  const target = new URL(url);
  const agent = agents[target.protocol];
  if (!agent)
    return Promise.reject(new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${target.protocol}`) }));
  const outgoing = Object.fromEntries(headers);
  const bytes = body ? new Uint8Array(body) : undefined;
  if (bytes) outgoing['content-length'] = String(bytes.byteLength);
  return new Promise((resolve, reject) => {
    let answer;
    const onAbort = () => {
      if (answer) answer.destroy(signal.reason);
      else reject(signal.reason);
      sent.destroy();
    };
    const sent = (target.protocol === 'https:' ? https : http).request(
      target,
      { method, headers: outgoing, agent },
      (response) => {
        answer = response;
        response.once('close', () => signal.removeEventListener('abort', onAbort));
        const raw = response.rawHeaders;
        const answerHeaders = new Headers();
        for (let i = 0; i < raw.length; i += 2) answerHeaders.append(raw[i], raw[i + 1]);
        const empty = NULL_BODY_STATUSES.has(response.statusCode) || method === 'HEAD';
        if (empty) response.resume();
        resolve(
          new Response(empty ? null : Readable.toWeb(decoded(response)), {
            status: response.statusCode,
            statusText: response.statusMessage ?? '',
            headers: answerHeaders,
          }),
        );
      },
    );
    sent.on('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(signal.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    });
    signal.addEventListener('abort', onAbort, { once: true });
    sent.end(bytes);
  });
}
