/**
 * A `fetch` for vendor requests on `node:http`/`node:https`. undici's fetch copies every request body it is given
 * (`extractBody` slices the bytes, the web stream clones each chunk): for a ~1.4 MB signed clip that is several
 * copies per check and a tenth of the proxy's CPU in the profile. This writes a string or byte body as it is.
 * Everything the adapters rely on behaves as fetch does: a real `Response` (body streamed), an abort rejects with the
 * signal's reason, a network error rejects as `TypeError('fetch failed', { cause })` with `cause.code`
 * (../providers/adapter-kit/send.ts maps those), and redirects are never followed (every adapter asks for
 * `redirect: 'manual'`: the 3xx is returned as it is).
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import zlib from 'node:zlib';

// Keep-alive, as undici's pool: one TLS/TCP handshake per vendor, not per check. Each agent pools per host:port
// (= per origin). A socket idle for 4 s is closed (undici's default) before a vendor's idle timeout can race a reuse.
const IDLE_SOCKET_MS = 4_000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
};

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** The request's bytes as they go on the wire, with the content-type fetch would add for that kind of body. */
export async function requestBytes(body: BodyInit | null | undefined): Promise<{ bytes: Uint8Array | null; type?: string }> {
  if (body === null || body === undefined) return { bytes: null };
  if (typeof body === 'string') return { bytes: Buffer.from(body), type: 'text/plain;charset=UTF-8' };
  if (body instanceof Uint8Array) return { bytes: body };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  if (ArrayBuffer.isView(body)) return { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) };
  // FormData, Blob, URLSearchParams, a stream: serialised once, as fetch would (multipart boundary and all).
  const serialised = new Response(body);
  return { bytes: new Uint8Array(await serialised.arrayBuffer()), type: serialised.headers.get('content-type') ?? undefined };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** The answer's body, decoded as fetch decodes it (vendors may compress even unasked). */
function decoded(response: http.IncomingMessage): Readable {
  const encoding = response.headers['content-encoding']?.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return response;
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

function toResponse(answer: http.IncomingMessage, method: string): Response {
  const headers = new Headers();
  const raw = answer.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const status = answer.statusCode ?? 0;
  const empty = NULL_BODY_STATUSES.has(status) || method === 'HEAD';
  if (empty) answer.resume();
  const body = empty ? null : (Readable.toWeb(decoded(answer)) as NodeReadableStream<Uint8Array> as ReadableStream<Uint8Array>);
  return new Response(body, { status, statusText: answer.statusMessage ?? '', headers });
}

/**
 * The headers fetch adds when the caller did not set them (vendors' gateways saw these before vendorFetch; none is
 * signed by any adapter). No accept-encoding: answers come as they are, as small as a verdict.
 */
export function withFetchDefaults(headers: Headers): Headers {
  if (!headers.has('accept')) headers.set('accept', '*/*');
  if (!headers.has('user-agent')) headers.set('user-agent', 'node');
  return headers;
}

export const vendorFetch: typeof fetch = async (input, init) => {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : String(input));
  const agent = agents[url.protocol as keyof typeof agents];
  if (!agent) throw new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${url.protocol}`) });
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init?.headers ?? request?.headers);
  const signal = init?.signal ?? request?.signal ?? undefined;
  signal?.throwIfAborted();
  const { bytes, type } = await requestBytes(init?.body ?? (request?.body ? await request.arrayBuffer() : null));
  signal?.throwIfAborted();
  if (type && !headers.has('content-type')) headers.set('content-type', type);
  withFetchDefaults(headers);
  if (bytes) headers.set('content-length', String(bytes.byteLength));
  else if (method === 'POST' || method === 'PUT') headers.set('content-length', '0');

  const outgoing: http.OutgoingHttpHeaders = {};
  for (const [name, value] of headers) outgoing[name] = value;

  return new Promise<Response>((resolve, reject) => {
    let answer: http.IncomingMessage | undefined;
    const onAbort = () => {
      const reason = abortReason(signal!);
      // Before the answer: the call rejects. After it: the body stream errors, as fetch's does.
      if (answer) answer.destroy(reason instanceof Error ? reason : undefined);
      else reject(reason);
      sent.destroy();
    };
    const sent = (url.protocol === 'https:' ? https : http).request(url, { method, headers: outgoing, agent }, (response) => {
      answer = response;
      response.once('close', () => signal?.removeEventListener('abort', onAbort));
      resolve(toResponse(response, method));
    });
    sent.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(abortReason(signal));
      else reject(new TypeError('fetch failed', { cause: error }));
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    sent.end(bytes ?? undefined);
  });
};
