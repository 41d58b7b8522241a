/**
 * GLAIR Vision authentication (vendor doc curl lines; spec §3 "Auth"): two static headers on every request,
 * `Authorization: Basic base64(username ":" password)` and `x-api-key`. Nothing is signed and there is no
 * timestamp, so these headers are bearer credentials: whoever sees them can replay them forever.
 */

export interface GlairCredentials {
  username: string;
  password: string;
  apiKey: string;
}

export interface GlairAuthHeaders {
  Authorization: string;
  'x-api-key': string;
}

/** Visible ASCII only: a header value with a control character would be refused by fetch with the value in its message. */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * RFC 7617 with UTF-8 (spec §3: `printf "%s" "USER:PASS" | base64`). A username may not contain ":" because the
 * server splits at the first one. Errors name the problem, never the value.
 */
export function basicAuthorization(username: string, password: string): string {
  if (username.includes(':')) throw new TypeError('GLAIR username must not contain ":"');
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

export function glairAuthHeaders(credentials: GlairCredentials): GlairAuthHeaders {
  if (!HEADER_SAFE.test(credentials.apiKey)) {
    throw new TypeError('GLAIR API key must be non-empty visible ASCII (no spaces or control characters)');
  }
  return { Authorization: basicAuthorization(credentials.username, credentials.password), 'x-api-key': credentials.apiKey };
}

/** The server side of basicAuthorization: undefined unless the header is `Basic <standard base64 of user:pass>`. */
export function parseBasicAuthorization(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header ?? '');
  if (!match?.[1] || match[1].length % 4 !== 0) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
