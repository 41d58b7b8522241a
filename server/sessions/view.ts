/**
 * The session view: GET /api/v1/sessions/:id and the `data` of every webhook event, made from the
 * session row and, once the upload arrived, its case, checks and latest decision. Never a raw
 * vendor answer, a capture token or media: only normalised results.
 */
import type { SessionCheck, SessionStatus, SessionView } from '@contract/api';
import type { CaseRow, CheckRow } from '../cases/repository.js';
import type { DecisionRow } from '../cases/review.js';
import type { captureSessions } from '../db/schema.js';
import { effectiveStatus } from './state.js';

export type SessionRow = typeof captureSessions.$inferSelect;

export interface SessionParts {
  session: SessionRow;
  case?: CaseRow;
  checks: CheckRow[];
  /** The latest decision on the case. */
  decision?: DecisionRow;
}

const FINAL = new Set(['done', 'error']);

function checkOf(row: CheckRow): SessionCheck {
  const o = row.outcome;
  return {
    providerId: row.providerId,
    mode: row.mode,
    status: row.status,
    ...(o?.kind === 'result'
      ? { verdict: o.verdict, ...(o.score !== undefined ? { score: o.score } : {}), riskTags: o.riskTags }
      : {}),
    ...(o?.kind === 'error' ? { errorCategory: o.category } : {}),
    ...(row.finishedAt ? { finishedAt: row.finishedAt.toISOString() } : {}),
  };
}

/** submitted reads `processing` once any vendor check has been started (and not all are final). */
function shownStatus(parts: SessionParts, now: Date): SessionStatus {
  const { session, checks } = parts;
  const stored = effectiveStatus(session.status, session.expiresAt, now);
  if (stored !== 'submitted') return stored;
  const started = checks.some((c) => c.status !== 'pending');
  return started && !checks.every((c) => FINAL.has(c.status)) ? 'processing' : 'submitted';
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);

export function sessionView(parts: SessionParts, now: Date = new Date()): SessionView {
  const { session: s, case: c, decision: d } = parts;
  const view: SessionView = {
    id: s.id,
    status: shownStatus(parts, now),
    reference: s.reference,
    ...(s.metadata ? { metadata: s.metadata } : {}),
    providers: s.providers,
    ...(s.locale ? { locale: s.locale } : {}),
    ...(s.caseId ? { caseId: s.caseId } : {}),
    checks: parts.checks.map(checkOf),
    ...(c?.integrity
      ? {
          integrity: {
            status: c.integrity.status,
            ...(c.integrity.verdict ? { verdict: c.integrity.verdict } : {}),
            findings: c.integrity.findings.map((f) => f.code),
          },
        }
      : {}),
    ...(d ? { decision: { decision: d.decision, reasonCode: d.reasonCode, decidedAt: d.createdAt.toISOString() } } : {}),
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  };
  const times = {
    openedAt: iso(s.openedAt),
    submittedAt: iso(s.submittedAt),
    completedAt: iso(s.completedAt),
    decidedAt: iso(s.decidedAt),
    cancelledAt: iso(s.cancelledAt),
  };
  for (const [k, v] of Object.entries(times)) if (v) (view as Record<string, unknown>)[k] = v;
  return view;
}
