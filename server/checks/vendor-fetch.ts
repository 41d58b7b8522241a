/**
 * A `fetch` for vendor requests on `node:http`/`node:https`. undici's fetch copies every request body it is given
 * (`extractBody` slices the bytes, the web stream clones each chunk): for a ~1.4 MB signed clip that is several
 * copies per check and a tenth of the proxy's CPU in the profile. This writes a string or byte body as it is.
 * Everything the adapters rely on behaves as fetch does: a real `Response` (body streamed), an abort rejects with the
 * signal's reason, a network error rejects as `TypeError('fetch failed', { cause })` with `cause.code`
 * (../providers/adapter-kit/send.ts maps those), and redirects are never followed (every adapter asks for
 * `redirect: 'manual'`: the 3xx is returned as it is). The request itself is ./send-thread/http-send.mjs, shared with
 * the send thread.
 */
import { httpSend } from './send-thread/http-send.mjs';

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
  const url = request ? request.url : String(input);
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  const headers = new Headers(init?.headers ?? request?.headers);
  const signal = init?.signal ?? request?.signal ?? undefined;
  signal?.throwIfAborted();
  const { bytes, type } = await requestBytes(init?.body ?? (request?.body ? await request.arrayBuffer() : null));
  signal?.throwIfAborted();
  if (type && !headers.has('content-type')) headers.set('content-type', type);
  return httpSend({ url, method, headers: withFetchDefaults(headers), body: bytes, signal });
};
