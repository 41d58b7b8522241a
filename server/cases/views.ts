/**
 * The API's views of cases, checks and decisions (the contract's shapes), made from the rows the
 * repositories return: the one place stored rows become what reviewers see.
 */
import type {
  CaseDetail,
  CaseListResponse,
  CaseReviewFields,
  CaseSummary,
  CheckView,
  DecisionView,
  MediaView,
} from '@contract/api';
import { withBoundedRaw } from './bounded-raw.js';
import type { AssignedCase, CaseRecord, CaseRow, CheckRow, MediaRow } from './repository.js';
import type { DecisionRow } from './review.js';
import { hasDisagreement } from './status.js';

/** A provider's display name by id (the registry's; the id itself for one no longer enabled). */
export type ProviderNames = (providerId: string) => string;

/** The review fields of a case row; `assigneeEmail` and `applicationName` come from joins. */
function reviewFieldsOf(
  row: CaseRow,
  assigneeEmail: string | null | undefined,
  applicationName?: string | null,
): CaseReviewFields {
  return {
    ...(row.applicationId ? { application: { id: row.applicationId, name: applicationName ?? row.applicationId } } : {}),
    ...(row.reference ? { reference: row.reference } : {}),
    reviewStatus: row.reviewStatus,
    assignee: row.assigneeId && assigneeEmail ? { id: row.assigneeId, email: assigneeEmail } : undefined,
    decision: row.decision ?? undefined,
    mediaExpiresAt: row.mediaPurgedAt ? undefined : row.mediaExpiresAt?.toISOString(),
    mediaPurged: row.mediaPurgedAt !== null,
    risk: row.risk,
  };
}

export function checkView(row: CheckRow, providerName: ProviderNames): CheckView {
  return {
    id: row.id,
    providerId: row.providerId,
    providerName: providerName(row.providerId),
    mode: row.mode,
    status: row.status,
    attempts: row.attempts,
    // Bounded again when served: rows stored before the cap may hold a whole oversized answer.
    outcome: row.outcome ? withBoundedRaw(row.outcome) : undefined,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString(),
  };
}

/** One list row per case, with its checks' verdicts. */
function caseSummary({ c, assigneeEmail, applicationName, checks }: AssignedCase & { checks: CheckRow[] }): CaseSummary {
  return {
    id: c.id,
    createdAt: c.createdAt.toISOString(),
    status: c.status,
    disagreement: hasDisagreement(checks),
    checks: checks.map((k) => ({
      providerId: k.providerId,
      mode: k.mode,
      status: k.status,
      verdict: k.outcome?.kind === 'result' ? k.outcome.verdict : undefined,
      category: k.outcome?.kind === 'error' ? k.outcome.category : undefined,
    })),
    ...(c.integrity
      ? {
          integrity: {
            status: c.integrity.status,
            ...(c.integrity.verdict ? { verdict: c.integrity.verdict } : {}),
            findings: c.integrity.findings.map((f) => ({ code: f.code, kind: f.kind })),
          },
        }
      : {}),
    ...reviewFieldsOf(c, assigneeEmail, applicationName),
  };
}

export function caseListView(page: {
  cases: Array<AssignedCase & { checks: CheckRow[] }>;
  nextCursor?: string;
}): CaseListResponse {
  return { cases: page.cases.map(caseSummary), nextCursor: page.nextCursor };
}

function mediaView(row: MediaRow, url: string): MediaView {
  return { role: row.role, sha256: row.sha256, mime: row.mime, bytes: row.byteLength, probe: { ...row.probe }, url };
}

export function decisionView(row: DecisionRow): DecisionView {
  return {
    id: row.id,
    decision: row.decision,
    reasonCode: row.reasonCode,
    note: row.note ?? undefined,
    by: { id: row.userId, email: row.userEmail },
    at: row.createdAt.toISOString(),
  };
}

export interface CaseDetailViewOptions {
  providerName: ProviderNames;
  /** Where the reviewer's player fetches a media role of this case. */
  mediaUrl: (role: string) => string;
  /** Omitted: the view has no `decisions`. */
  decisions?: DecisionRow[];
}

export function caseDetailView(record: CaseRecord, options: CaseDetailViewOptions): CaseDetail {
  const { c } = record;
  return {
    id: c.id,
    createdAt: c.createdAt.toISOString(),
    status: c.status,
    disagreement: hasDisagreement(record.checks),
    telemetry: c.telemetry,
    media: record.media.map((m) => mediaView(m, options.mediaUrl(m.role))),
    checks: record.checks.map((k) => checkView(k, options.providerName)),
    ...reviewFieldsOf(c, record.assigneeEmail, record.applicationName),
    ...(c.integrity ? { integrity: c.integrity } : {}),
    ...(c.consentVersion && c.consentAcceptedAt && c.consentLocale
      ? { consent: { version: c.consentVersion, acceptedAt: c.consentAcceptedAt.toISOString(), locale: c.consentLocale } }
      : {}),
    ...(options.decisions ? { decisions: options.decisions.map(decisionView) } : {}),
    ...(record.session
      ? {
          session: {
            id: record.session.id,
            status: record.session.status,
            ...(record.session.metadata ? { metadata: record.session.metadata } : {}),
          },
        }
      : {}),
  };
}
