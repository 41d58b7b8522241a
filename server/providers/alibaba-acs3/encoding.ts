/**
 * The two percent-encodings of an Alibaba Cloud RPC request (spec §2 steps 1 and 5). They differ, and mixing them
 * up breaks the signature for values with `! ' ( ) *` in them (vector `url-video`):
 *  - on the wire (query string and form body): Node `querystring`, as the SDK runtime sends it;
 *  - in the canonical query that is signed: RFC 3986 over the decoded values.
 */
import querystring from 'node:querystring';

export type Pairs = ReadonlyArray<readonly [name: string, value: string]>;

/** RFC 3986: unreserved `A–Z a–z 0–9 - _ . ~` stay, every other UTF-8 byte becomes `%XX` (uppercase). */
export function percentEncodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `name=value&…` exactly as the SDK writes a query string or an x-www-form-urlencoded body (space → %20). */
export function encodeWirePairs(pairs: Pairs): string {
  return pairs.map(([name, value]) => `${querystring.escape(name)}=${querystring.escape(value)}`).join('&');
}

/** Pairs sorted by name (code-unit order), as the SDK emits them and as the server canonicalizes them. */
export function sortedPairs(record: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Decodes a query string or form body into pairs, in order. `+` means space (form semantics); a malformed escape
 * is kept literally rather than thrown, so a hostile request gets a parameter error instead of a crash.
 */
export function decodeWirePairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (text === '') return pairs;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([decodeComponent(name), decodeComponent(value)]);
  }
  return pairs;
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return querystring.unescape(spaced);
  }
}
