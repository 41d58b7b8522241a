/**
 * The vendor answer kept with a check (`outcome.raw`) is stored and served in the case API, so it is bounded:
 * the adapters already refuse an answer over 256 KB (providers/adapter-kit/read-body.ts), and what is stored or
 * served is cut again here, for any provider and for rows written before either cap existed.
 */
import type { CheckOutcome } from '../providers/types.js';

/** Characters of `raw` as JSON: a documented vendor answer is a few kilobytes; a case page shows several. */
export const MAX_STORED_RAW_CHARS = 32 * 1024;

/** `raw` as is when its JSON fits, else that JSON's first MAX_STORED_RAW_CHARS characters and a marker. */
export function boundedRaw(raw: unknown): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(raw);
  } catch {
    return '[not stored: the answer could not be serialised]';
  }
  if (json === undefined || json.length <= MAX_STORED_RAW_CHARS) return raw;
  return `${json.slice(0, MAX_STORED_RAW_CHARS)}… [truncated: ${json.length} characters in all]`;
}

export function withBoundedRaw(outcome: CheckOutcome): CheckOutcome {
  const raw = boundedRaw(outcome.raw);
  return raw === outcome.raw ? outcome : { ...outcome, raw };
}
