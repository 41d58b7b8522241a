/**
 * How much one POST /api/captures may carry, derived from what the chosen providers can take:
 * which file fields are allowed, each one's byte cap, and the request's total. A field that no
 * chosen provider would receive is refused when its part header arrives; nothing beyond these
 * caps is ever read.
 */
import type { Provider } from '../providers/types.js';

/** The meta part (JSON): providers, consent and the capture's telemetry for reviewers. */
export const MAX_META_BYTES = 256 * 1024;

/** Room for each part's boundary and headers, and the closing boundary. */
const PART_OVERHEAD_BYTES = 2048;

export interface FileCap {
  maxBytes: number;
  /** Whose limit set the cap (for the 413 message); undefined when MAX_UPLOAD_BYTES did. */
  setBy?: string;
}

/** Largest raw file whose size, as the vendor counts it, is within `maxBytes`. */
function rawBytesWithin(limit: { maxBytes: number; maxBytesAfterBase64: boolean }): number {
  // Base64 turns every started group of 3 bytes into 4 characters (as fit-check counts it).
  return limit.maxBytesAfterBase64 ? 3 * Math.floor(limit.maxBytes / 4) : limit.maxBytes;
}

function capOf(maxFileBytes: number, limits: Array<{ maxBytes: number; maxBytesAfterBase64: boolean; by: string }>): FileCap {
  let best: FileCap = { maxBytes: 0 };
  for (const limit of limits) {
    const bytes = rawBytesWithin(limit);
    if (bytes > best.maxBytes) best = { maxBytes: bytes, setBy: limit.by };
  }
  return best.maxBytes >= maxFileBytes ? { maxBytes: maxFileBytes } : best;
}

/**
 * The file fields allowed for these providers and each one's cap: `video` (the shared clip, also
 * the reviewers' and the local screening's copy) up to MAX_UPLOAD_BYTES; `image` when some
 * provider takes stills; `video.<id>` / `image.<id>` (fitted to one provider) up to that
 * provider's own limit.
 */
export function fileCaps(providers: Provider[], maxFileBytes: number): Map<string, FileCap> {
  const caps = new Map<string, FileCap>([['video', { maxBytes: maxFileBytes }]]);
  const stills = providers.flatMap((p) => (p.limits.image ? [{ ...p.limits.image, by: p.displayName }] : []));
  if (stills.length > 0) caps.set('image', capOf(maxFileBytes, stills));
  for (const p of providers) {
    if (p.limits.video) caps.set(`video.${p.id}`, capOf(maxFileBytes, [{ ...p.limits.video, by: p.displayName }]));
    if (p.limits.image) caps.set(`image.${p.id}`, capOf(maxFileBytes, [{ ...p.limits.image, by: p.displayName }]));
  }
  return caps;
}

/** The whole request: the meta part and every allowed file at its cap, with their envelopes. */
export function requestCap(caps: Map<string, FileCap>): number {
  let total = MAX_META_BYTES + PART_OVERHEAD_BYTES;
  for (const cap of caps.values()) total += cap.maxBytes + PART_OVERHEAD_BYTES;
  return total;
}

export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 1 : 0)} MB`;
}
