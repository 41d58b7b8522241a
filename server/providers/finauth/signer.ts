/**
 * The FinAuth `sign` form field (spec §1 "Signature"; public: the Megvii FaceID "App-Authentication" scheme):
 *
 *   raw  = "a=<api_key>&b=<expire_time>&c=<current_time>&d=<random>"
 *   sign = standard base64( HMAC-SHA1(api_secret, raw) ‖ raw )
 *
 * Pure functions: the caller supplies the clock and the random digits, so tests and retries control both.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** Doc: sign_version "Currently only supports: hmac_sha1". */
export const SIGN_VERSION = 'hmac_sha1';
/** Public: the vendor samples sign for 100 s; spec §1 recommends 60…100 s. A fresh sign is made for every request. */
export const DEFAULT_SIGN_VALIDITY_S = 100;
const HMAC_SHA1_BYTES = 20;
/** Public: "random: unsigned decimal integer … up to 10 digits". */
const RANDOM_PATTERN = /^\d{1,10}$/;
const MAX_RANDOM_EXCLUSIVE = 10_000_000_000;

export interface SignFields {
  apiKey: string;
  /** Unix seconds after which the sign is refused (`b`). */
  expireTime: number;
  /** Unix seconds when it was made (`c`). */
  currentTime: number;
  /** Up to 10 decimal digits, kept as text so a leading zero survives (`d`). */
  random: string;
}

/**
 * 10 random digits, leading zeros kept, as the vendor's public sample draws them (`0799687066`). The space of 10^10
 * values also makes `d` a usable per-request id (see client.ts `sentIds`).
 */
export function randomDigits(): string {
  return String(randomInt(0, MAX_RANDOM_EXCLUSIVE)).padStart(10, '0');
}

function isUnixSeconds(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Messages name the field, never its value: the api key is a credential. */
export function buildRaw(fields: SignFields): string {
  // `&` or `=` in the key would make the raw string ambiguous for the server that parses it back.
  if (fields.apiKey.length === 0 || /[&=\s]/.test(fields.apiKey)) {
    throw new RangeError('FinAuth api key must be non-empty and contain no "&", "=" or whitespace');
  }
  if (!isUnixSeconds(fields.expireTime) || !isUnixSeconds(fields.currentTime)) {
    throw new RangeError('FinAuth sign times must be non-negative integers of Unix seconds');
  }
  if (!RANDOM_PATTERN.test(fields.random)) throw new RangeError('FinAuth sign random must be 1 to 10 decimal digits');
  return `a=${fields.apiKey}&b=${fields.expireTime}&c=${fields.currentTime}&d=${fields.random}`;
}

export function hmacSha1(apiSecret: string, raw: string): Buffer {
  return createHmac('sha1', apiSecret).update(raw, 'utf8').digest();
}

/** Standard alphabet with `=` padding (Buffer's base64), not the url-safe one. */
export function signRaw(apiSecret: string, raw: string): string {
  return Buffer.concat([hmacSha1(apiSecret, raw), Buffer.from(raw, 'utf8')]).toString('base64');
}

export interface CreateSignInput {
  apiKey: string;
  apiSecret: string;
  now: Date;
  random: string;
  validityS?: number;
}

export interface CreatedSign {
  sign: string;
  raw: string;
  fields: SignFields;
}

export function createSign(input: CreateSignInput): CreatedSign {
  const currentTime = Math.floor(input.now.getTime() / 1000);
  const validityS = input.validityS ?? DEFAULT_SIGN_VALIDITY_S;
  if (!Number.isSafeInteger(validityS) || validityS <= 0) {
    throw new RangeError('FinAuth sign validity must be a positive integer');
  }
  const fields: SignFields = { apiKey: input.apiKey, expireTime: currentTime + validityS, currentTime, random: input.random };
  const raw = buildRaw(fields);
  return { sign: signRaw(input.apiSecret, raw), raw, fields };
}

/** RFC 4648 §4: standard alphabet, length a multiple of 4, `=` padding only at the end. */
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** (guess) The server reads the four fields back in the documented order and nothing else. */
const RAW_PATTERN = /^a=([^&=\s]+)&b=(\d{1,15})&c=(\d{1,15})&d=(\d{1,10})$/;

export interface DecodedSign {
  mac: Buffer;
  raw: string;
  fields: SignFields;
}

/** Server side, step 1: split the 20-byte MAC from raw and read raw's fields; undefined when it is not a sign. */
export function decodeSign(sign: string): DecodedSign | undefined {
  if (!STANDARD_BASE64.test(sign)) return undefined;
  const bytes = Buffer.from(sign, 'base64');
  if (bytes.length <= HMAC_SHA1_BYTES) return undefined;
  const raw = bytes.subarray(HMAC_SHA1_BYTES).toString('utf8');
  const match = RAW_PATTERN.exec(raw);
  if (!match) return undefined;
  const [, apiKey, expireTime, currentTime, random] = match;
  if (!apiKey || !expireTime || !currentTime || !random) return undefined;
  return {
    mac: bytes.subarray(0, HMAC_SHA1_BYTES),
    raw,
    fields: { apiKey, expireTime: Number(expireTime), currentTime: Number(currentTime), random },
  };
}

export interface VerifySignInput {
  sign: string;
  /** The secret of an api key; undefined when the key is unknown. */
  secretFor: (apiKey: string) => string | undefined;
  /** The server's clock, Unix seconds. */
  nowS: number;
}

export type VerifySignResult =
  | { ok: true; fields: SignFields }
  | { ok: false; reason: 'malformed' | 'unknown_api_key' | 'signature_mismatch' | 'bad_times' | 'expired' };

/**
 * Server side: decode, look the key up, recompute the HMAC (constant-time compare), then check the times. The times
 * are looked at only once the sign is authentic, so an unsigned request learns nothing about them.
 */
export function verifySign(input: VerifySignInput): VerifySignResult {
  const decoded = decodeSign(input.sign);
  if (!decoded) return { ok: false, reason: 'malformed' };
  const secret = input.secretFor(decoded.fields.apiKey);
  if (secret === undefined) return { ok: false, reason: 'unknown_api_key' };
  const expected = hmacSha1(secret, decoded.raw);
  if (!timingSafeEqual(expected, decoded.mac)) return { ok: false, reason: 'signature_mismatch' };
  const { expireTime, currentTime } = decoded.fields;
  // Public (FaceID): "current_time should be not older than expire_time" for a multi-use sign.
  if (currentTime >= expireTime) return { ok: false, reason: 'bad_times' };
  if (expireTime <= input.nowS) return { ok: false, reason: 'expired' };
  return { ok: true, fields: decoded.fields };
}
