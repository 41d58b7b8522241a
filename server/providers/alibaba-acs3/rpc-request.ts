/**
 * Builds one exact, ACS3-signed Alibaba Cloud RPC request (spec §2): the query and the form body are serialized
 * once, and those very strings are hashed, signed and sent. Host and CanonicalURI come from the endpoint actually
 * used, so a regional host, a corporate proxy or our simulator under a path prefix all verify.
 */
import { encodeWirePairs, sortedPairs } from './encoding.js';
import { formatAcsDate, sha256Hex, signAcs3, type Acs3Signature } from './signer.js';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export interface AccessKey {
  accessKeyId: string;
  accessKeySecret: string;
}

export interface RpcRequestInput {
  /** e.g. `https://cloudauth.aliyuncs.com`, a bare host (https is assumed, as the SDK does) or a URL with a path. */
  endpoint: string;
  action: string;
  version: string;
  method: 'GET' | 'POST';
  /** Decoded query parameters; sent sorted by name, as the SDK's generated clients do. */
  query?: Readonly<Record<string, string>>;
  /** Decoded form fields. Undefined: no body and no content-type (the GET of AuthorizeFileUpload). */
  form?: Readonly<Record<string, string>>;
  accessKey: AccessKey;
  date: Date;
  nonce: string;
  /** Only to reproduce SDK captures: `static_ak` (@alicloud/credentials) is signed like any x-acs- header. */
  credentialsProvider?: string;
}

export interface RpcRequest {
  url: string;
  method: 'GET' | 'POST';
  /** Every header we send, Host included (fetch derives the same Host from the URL and will not take ours). */
  headers: Record<string, string>;
  /** The exact body string; undefined for a request without one. */
  body: string | undefined;
  signing: Acs3Signature;
}

/** (guess) Informational only and never signed; the gateway does not look at it. */
export const USER_AGENT = 'selfie-screen (alibaba-acs3)';

/** The endpoint as a URL; throws a TypeError naming what is wrong (never the credentials). */
export function endpointUrl(endpoint: string): URL {
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Alibaba Cloud endpoint must be an http(s) URL, got ${url.protocol}`);
  }
  // The query we sign must be exactly the one sent, so the endpoint may not bring its own.
  if (url.search !== '' || url.hash !== '') throw new TypeError('Alibaba Cloud endpoint must not carry a query or fragment');
  return url;
}

export function buildRpcRequest(input: RpcRequestInput): RpcRequest {
  const url = endpointUrl(input.endpoint);
  const queryPairs = sortedPairs(input.query ?? {});
  const rawQuery = encodeWirePairs(queryPairs);
  const body = input.form === undefined ? undefined : encodeWirePairs(sortedPairs(input.form));

  // The SDK's header order; only the signed subset matters to the server.
  const headers: Record<string, string> = {
    host: url.host,
    'x-acs-version': input.version,
    'x-acs-action': input.action,
    'user-agent': USER_AGENT,
    'x-acs-date': formatAcsDate(input.date),
    'x-acs-signature-nonce': input.nonce,
    accept: 'application/json',
  };
  if (body !== undefined) headers['content-type'] = FORM_CONTENT_TYPE;
  headers['x-acs-content-sha256'] = sha256Hex(body ?? '');
  if (input.credentialsProvider !== undefined) headers['x-acs-credentials-provider'] = input.credentialsProvider;

  const signing = signAcs3({
    accessKeyId: input.accessKey.accessKeyId,
    accessKeySecret: input.accessKey.accessKeySecret,
    method: input.method,
    canonicalUri: url.pathname,
    query: queryPairs,
    headers,
    payloadHash: headers['x-acs-content-sha256'],
  });
  headers.Authorization = signing.authorization;
  return {
    // Through the URL parser, as fetch will: it escapes the `'` that querystring leaves raw (so did the SDK's
    // http client, vector `url-video`); the server decodes either form to the same signed value.
    url: new URL(`${url.origin}${url.pathname}${rawQuery === '' ? '' : `?${rawQuery}`}`).href,
    method: input.method,
    headers,
    body,
    signing,
  };
}
