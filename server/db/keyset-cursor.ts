/**
 * The opaque `cursor` of keyset-paginated lists (review queue, sessions, webhook deliveries): the
 * last row's sort time and id, as base64url JSON. `t` is kept as the text the database printed
 * (microseconds; a JS Date would lose them) unless the caller sorts on a millisecond column.
 */
import { InvalidInput } from '../domain-errors.js';

export interface KeysetCursor {
  t: string;
  id: string;
  /** The last row's risk score, for lists sorted by risk first (the review queue's `risk_desc`). */
  r?: number;
}

export const encodeCursor = (c: KeysetCursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');

/** The cursor a list gave out; anything else is 400 `invalid_cursor`. */
export function decodeCursor(text: string): KeysetCursor {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString()) as Partial<KeysetCursor>;
    if (typeof c.t === 'string' && typeof c.id === 'string' && !Number.isNaN(Date.parse(c.t))) {
      if (c.r === undefined) return { t: c.t, id: c.id };
      if (Number.isInteger(c.r)) return { t: c.t, id: c.id, r: c.r };
    }
  } catch {
    // fall through
  }
  throw new InvalidInput('invalid_cursor', 'The cursor is not one this server issued; start from the first page.');
}
