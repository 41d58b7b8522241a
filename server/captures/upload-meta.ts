/**
 * The `meta` part of POST /api/captures (JSON): which providers, the person's consent, and the
 * capture's telemetry. Checked as soon as the part has arrived, before any file is read. Every
 * string ends up in jsonb, which refuses NUL characters and unpaired surrogates, and some readers
 * of it recurse: both are refused here with 400 rather than failing later with 500.
 */
import { z } from 'zod';
import { HttpError, describeIssues } from '../http-error.js';
import type { Provider } from '../providers/types.js';

/** Deeper JSON than this is refused; the capture app's telemetry nests 3 levels. */
export const MAX_META_DEPTH = 32;

/** How far ahead of the server's clock a consent time may be (phones' clocks drift). */
const CONSENT_CLOCK_SKEW_MS = 24 * 3600_000;
/**
 * How old a consent may be. The capture page records it moments before recording and uploads
 * within minutes (retries last seconds); a day allows for the same clock drift as above. Older
 * consents (e.g. 1970, a client default) are not this capture's.
 */
const CONSENT_MAX_AGE_MS = 24 * 3600_000;

const metaSchema = z.object({
  providers: z.array(z.string().min(1).max(40)).min(1, 'choose at least one provider').max(10),
  telemetry: z.record(z.string(), z.unknown()).optional(),
  consent: z.unknown().optional(),
});

/**
 * Consent to biometric processing, as the capture page records it: which text version, when, in
 * which language. Checked on its own so a missing or malformed one gets `consent_required`.
 */
export const consentSchema = z.object({
  version: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'a short version id'),
  acceptedAt: z.iso
    .datetime({ offset: true })
    .refine((t) => Date.parse(t) <= Date.now() + CONSENT_CLOCK_SKEW_MS, 'not in the future')
    .refine((t) => Date.parse(t) >= Date.now() - CONSENT_MAX_AGE_MS, 'given for this capture (within the last 24 hours)'),
  locale: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'a BCP 47 language tag'),
});

export type UploadMeta = Omit<z.infer<typeof metaSchema>, 'consent'> & { consent: z.infer<typeof consentSchema> };

const invalid = (why: string) => new HttpError(400, 'invalid_meta', `Field "meta" ${why}`);

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A string jsonb can store: no NUL, no unpaired surrogate. */
const storable = (s: string): boolean => !s.includes('\u0000') && !UNPAIRED_SURROGATE.test(s);

/**
 * Walks a parsed JSON value with an explicit stack (a recursive walk, like zod's, overflows on
 * deep input): refuses nesting past MAX_META_DEPTH and strings or keys jsonb cannot store.
 */
export function assertStorableJson(root: unknown): void {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') {
      if (!storable(value)) throw invalid('contains a NUL character or an unpaired surrogate.');
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_META_DEPTH) throw invalid(`is nested deeper than ${MAX_META_DEPTH} levels.`);
      for (const [key, child] of Object.entries(value)) {
        if (!storable(key)) throw invalid('contains a NUL character or an unpaired surrogate.');
        stack.push([child, depth + 1]);
      }
    }
  }
}

/** Parses and checks the meta bytes; returns the meta and the chosen, enabled providers. */
export function parseMeta(bytes: Uint8Array, enabled: ReadonlyMap<string, Provider>): { meta: UploadMeta; chosen: Provider[] } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid('is not valid JSON (UTF-8).');
  }
  assertStorableJson(json);
  const meta = metaSchema.safeParse(json);
  if (!meta.success) throw invalid(`is invalid: ${describeIssues(meta.error, 'meta')}`);
  const consent = consentSchema.safeParse(meta.data.consent);
  if (!consent.success) {
    const why = meta.data.consent === undefined ? 'is missing' : `is invalid: ${describeIssues(consent.error, 'consent')}`;
    throw new HttpError(400, 'consent_required', `The person's consent (meta.consent: version, acceptedAt, locale) ${why}.`);
  }
  const chosen = [...new Set(meta.data.providers)].map((id) => {
    const provider = enabled.get(id);
    if (!provider) throw new HttpError(400, 'unknown_provider', `Provider "${id}" is not enabled on this server.`);
    return provider;
  });
  return { meta: { ...meta.data, consent: consent.data }, chosen };
}
