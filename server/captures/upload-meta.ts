/**
 * The `meta` part of POST /api/captures (JSON): which providers, the person's consent, and the
 * capture's telemetry. Checked as soon as the part has arrived, before any file is read. Every
 * string ends up in jsonb, which refuses NUL characters and unpaired surrogates, and some readers
 * of it recurse: both are refused here with 400 rather than failing later with 500.
 */
import { captureConsentSchema, captureMetaSchema, type CaptureMeta } from '@contract/api';
import { z } from 'zod';
import { HttpError, describeIssues } from '../http-error.js';
import type { Provider } from '../providers/types.js';

/** Deeper JSON than this is refused; the capture app's telemetry nests 3 levels. */
export const MAX_META_DEPTH = 32;

/** The meta without its consent, which is checked on its own so a missing or malformed one gets `consent_required`. */
const metaSchema = captureMetaSchema.extend({ consent: z.unknown().optional() });

export type UploadMeta = CaptureMeta;

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

/** With a session the providers are the session's: `meta.providers` may be left out, and if sent must be the same set. */
const sessionMetaSchema = metaSchema.extend({ providers: captureMetaSchema.shape.providers.optional() });

/**
 * Parses and checks the meta bytes; returns the meta and the chosen, enabled providers (the
 * session's when `sessionProviders` is given: 400 providers_mismatch when meta names others).
 */
export function parseMeta(
  bytes: Uint8Array,
  enabled: ReadonlyMap<string, Provider>,
  sessionProviders?: readonly string[],
): { meta: UploadMeta; chosen: Provider[] } {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid('is not valid JSON (UTF-8).');
  }
  assertStorableJson(json);
  const meta = (sessionProviders ? sessionMetaSchema : metaSchema).safeParse(json);
  if (!meta.success) throw invalid(`is invalid: ${describeIssues(meta.error, 'meta')}`);
  const consent = captureConsentSchema.safeParse(meta.data.consent);
  if (!consent.success) {
    const why = meta.data.consent === undefined ? 'is missing' : `is invalid: ${describeIssues(consent.error, 'consent')}`;
    throw new HttpError(400, 'consent_required', `The person's consent (meta.consent: version, acceptedAt, locale) ${why}.`);
  }
  let providers = meta.data.providers;
  if (sessionProviders) {
    const sent = new Set(providers ?? sessionProviders);
    if (sent.size !== new Set(sessionProviders).size || sessionProviders.some((p) => !sent.has(p)))
      throw new HttpError(400, 'providers_mismatch', "meta.providers must be left out or equal the session's providers.");
    providers = [...sessionProviders] as typeof providers;
  }
  const chosen = [...new Set(providers)].map((id) => {
    const provider = enabled.get(id);
    if (!provider) throw new HttpError(400, 'unknown_provider', `Provider "${id}" is not enabled on this server.`);
    return provider;
  });
  return { meta: { ...meta.data, providers: chosen.map((p) => p.id), consent: consent.data }, chosen };
}
