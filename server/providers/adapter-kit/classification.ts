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
