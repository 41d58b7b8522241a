/** The consent record sent with every capture and stored with the case. */
import type { CaptureConsent } from '@contract/api';

/**
 * Version of the consent text (locale keys `consent.*`). Bump it whenever that text changes in any
 * language, so each case says which wording the person agreed to.
 */
export const CONSENT_VERSION = '2026-11-22.1';

export function consentRecord(locale: string, now: Date = new Date()): CaptureConsent {
  return { version: CONSENT_VERSION, acceptedAt: now.toISOString(), locale };
}

/** The person's answer on the first consent screen (consent-gate.tsx), with which the capture page starts. */
export type ConsentAnswer = CaptureConsent | 'declined';
