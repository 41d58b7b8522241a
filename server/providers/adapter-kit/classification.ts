/**
 * The building blocks of every vendor's error table: a category of ../types.ts, with the retake reason when the
 * person has to record again. The tables themselves stay in each vendor's mapping.
 */
import type { ErrorCategory, RetakeReason } from '../types.js';

export interface ErrorClassification {
  category: ErrorCategory;
  retakeReason?: RetakeReason;
}

export const retake = (retakeReason: RetakeReason): ErrorClassification => ({ category: 'retake', retakeReason });
export const INPUT: ErrorClassification = { category: 'input' };
export const AUTH: ErrorClassification = { category: 'auth' };
export const THROTTLED: ErrorClassification = { category: 'throttled' };
export const UNAVAILABLE: ErrorClassification = { category: 'unavailable' };
export const TIMEOUT: ErrorClassification = { category: 'timeout' };
/** An answer we cannot read or an error code in no table: not re-sent, not an outage (see ErrorCategory). */
export const VENDOR_PROTOCOL: ErrorClassification = { category: 'vendor_protocol' };

/**
 * A 2xx that is not the documented success, or a 3xx: redirects are never followed with a signed or credentialed
 * request (GLAIR's same-origin hops aside), and either way the vendor may have processed the request.
 */
export const isUnreadableStatus = (status: number): boolean => status < 400;

/**
 * A 4xx refuses the request: nothing was processed, so for a code in no table the status may decide. Anything else
 * with an unknown code (2xx, 3xx, 5xx) may have been processed and is VENDOR_PROTOCOL.
 */
export const isRefusalStatus = (status: number): boolean => status >= 400 && status < 500;
