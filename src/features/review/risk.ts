/**
 * What the queue shows about a case's risk, before any vendor chip: the risk level from the server's score
 * (cases.risk), the local screening's verdict in words, and the vendor chips in one stable order. The reviewer's
 * words for it sit here, in one place, ready for translation.
 */
import type { CaseSummary, IntegrityFindingCode, IntegrityFindingKind } from '@contract/api';
import { PROVIDER_IDS } from './filters';

export type RiskLevel = 'high' | 'medium' | 'low';

/** 4 and up: a suspected fake or a vendor's fail; 1–3: disagreement, a review verdict, an error or a bad capture. */
export function riskLevel(score: number): RiskLevel {
  if (score >= 4) return 'high';
  if (score >= 1) return 'medium';
  return 'low';
}

export const RISK_LABEL: Record<RiskLevel, string> = { high: 'High risk', medium: 'Medium risk', low: 'Low risk' };

export const FINDING_KIND_LABEL: Record<IntegrityFindingKind, string> = {
  suspected_fake: 'Suspected fake',
  bad_capture: 'Bad capture',
};

/** Finding codes in a reviewer's words (short enough for a queue cell). */
export const FINDING_LABEL: Record<IntegrityFindingCode, string> = {
  unreadable: 'unreadable clip',
  too_short: 'too short',
  too_long: 'too long',
  fps_too_low: 'frame rate too low',
  no_face: 'no face',
  multiple_faces: 'several faces',
  face_too_small: 'face too small',
  face_often_absent: 'face often missing',
  face_track_jump: 'face jumps (splice)',
  frozen_frames: 'frozen frames',
  virtual_camera: 'virtual camera',
  dimension_mismatch: 'edited file',
};

export type IntegritySummary = NonNullable<CaseSummary['integrity']>;

/** The screening's headline: the gravest kind of finding it made, else whether it ran clean, is pending or failed to run. */
export function integrityHeadline(integrity: IntegritySummary | undefined): {
  tone: 'fake' | 'bad' | 'clean' | 'pending' | 'error' | 'off';
  label: string;
} {
  if (!integrity) return { tone: 'off', label: 'Not screened' };
  if (integrity.status === 'pending') return { tone: 'pending', label: 'Screening…' };
  if (integrity.status === 'error') return { tone: 'error', label: 'Screening failed' };
  if (integrity.findings.some((f) => f.kind === 'suspected_fake'))
    return { tone: 'fake', label: FINDING_KIND_LABEL.suspected_fake };
  if (integrity.findings.length > 0) return { tone: 'bad', label: FINDING_KIND_LABEL.bad_capture };
  return { tone: 'clean', label: 'No findings' };
}

/** True when the local screening suspects a fake: a vendor's "pass" then must not look like an all-clear. */
export function suspectedFake(integrity: IntegritySummary | undefined): boolean {
  return integrityHeadline(integrity).tone === 'fake';
}

type SummaryCheck = CaseSummary['checks'][number];

/** Rank of a provider in the product's order; unknown ids after every known one. */
function providerRank(id: string): number {
  const i = (PROVIDER_IDS as readonly string[]).indexOf(id);
  return i === -1 ? PROVIDER_IDS.length : i;
}

/** Sorts by provider in one stable order (the product's, then by id), keeping each provider's own order. */
export function inProviderOrder<T extends { providerId: string }>(items: readonly T[]): T[] {
  return items
    .map((k, i) => ({ k, i }))
    .sort(
      (a, b) =>
        providerRank(a.k.providerId) - providerRank(b.k.providerId) || a.k.providerId.localeCompare(b.k.providerId) || a.i - b.i,
    )
    .map(({ k }) => k);
}

/**
 * Vendor chips in one order on every row (the product's provider order, unknown ids after them by name), so a
 * column of chips can be scanned; the local check is left out: the screening has its own cell.
 */
export function orderedVendorChecks(checks: readonly SummaryCheck[]): SummaryCheck[] {
  return inProviderOrder(checks.filter((k) => k.providerId !== 'local'));
}
