/**
 * The CSV exports of cases (created in a range) and decisions (recorded in a range), read in keyset pages of
 * EXPORT_PAGE rows and written as they are read: a year of cases never sits in memory at once.
 */
import { and, asc, gte, inArray, lte, sql, type AnyColumn } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, checks, decisions } from '../db/schema.js';
import { csvLine } from './csv.js';

const EXPORT_PAGE = 500;

export const CASE_COLUMNS = [
  'case_id',
  'created_at',
  'status',
  'retake_reason',
  'review_status',
  'decision',
  'vendor_verdicts',
  'disagreement',
  'integrity_verdict',
  'integrity_findings',
  'application_id',
  'reference',
] as const;

export const DECISION_COLUMNS = [
  'decision_id',
  'case_id',
  'decided_at',
  'decision',
  'reason_code',
  'note',
  'reviewer_email',
] as const;

/** `(created_at, id)` after the last row of the previous page; the tie-breaker keeps equal instants in order. */
const after = (createdAt: AnyColumn, id: AnyColumn, last?: { t: string; id: string }) =>
  last ? [sql`(${createdAt}, ${id}) > (${last.t}::timestamptz, ${last.id})`] : [];

/** The database's own text of a timestamp (microseconds: a JS Date would lose them and repeat or skip rows). */
const exactTime = (column: AnyColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export async function* caseCsv(db: Db, from: Date, to: Date): AsyncGenerator<string> {
  yield csvLine(CASE_COLUMNS);
  let last: { t: string; id: string } | undefined;
  for (;;) {
    const page = await db
      .select({ c: cases, t: exactTime(cases.createdAt) })
      .from(cases)
      .where(and(gte(cases.createdAt, from), lte(cases.createdAt, to), ...after(cases.createdAt, cases.id, last)))
      .orderBy(asc(cases.createdAt), asc(cases.id))
      .limit(EXPORT_PAGE);
    if (page.length === 0) return;
    const ids = page.map((r) => r.c.id);
    const checkRows = await db
      .select({ caseId: checks.caseId, providerId: checks.providerId, outcome: checks.outcome })
      .from(checks)
      .where(inArray(checks.caseId, ids))
      .orderBy(asc(checks.createdAt));
    // provider → its latest answer: a verdict, `retake` or `error`.
    const answers = new Map<string, Map<string, string>>();
    for (const k of checkRows) {
      if (!k.outcome) continue;
      const answer = k.outcome.kind === 'result' ? k.outcome.verdict : k.outcome.category === 'retake' ? 'retake' : 'error';
      const perCase = answers.get(k.caseId) ?? new Map<string, string>();
      answers.set(k.caseId, perCase);
      perCase.set(k.providerId, answer);
    }
    let chunk = '';
    for (const { c } of page) {
      const perCase = [...(answers.get(c.id) ?? new Map<string, string>())].sort(([a], [b]) => a.localeCompare(b));
      chunk += csvLine([
        c.id,
        c.createdAt,
        c.status,
        c.retakeReason,
        c.reviewStatus,
        c.decision,
        perCase.map(([p, v]) => `${p}:${v}`).join(' '),
        c.disagreement,
        c.integrity?.verdict,
        c.integrity?.findings.map((f) => f.code).join(' '),
        c.applicationId,
        c.reference,
      ]);
    }
    yield chunk;
    const tail = page[page.length - 1]!;
    last = { t: tail.t, id: tail.c.id };
    if (page.length < EXPORT_PAGE) return;
  }
}

export async function* decisionCsv(db: Db, from: Date, to: Date): AsyncGenerator<string> {
  yield csvLine(DECISION_COLUMNS);
  let last: { t: string; id: string } | undefined;
  for (;;) {
    const page = await db
      .select({ d: decisions, t: exactTime(decisions.createdAt) })
      .from(decisions)
      .where(and(gte(decisions.createdAt, from), lte(decisions.createdAt, to), ...after(decisions.createdAt, decisions.id, last)))
      .orderBy(asc(decisions.createdAt), asc(decisions.id))
      .limit(EXPORT_PAGE);
    if (page.length === 0) return;
    yield page.map(({ d }) => csvLine([d.id, d.caseId, d.createdAt, d.decision, d.reasonCode, d.note, d.userEmail])).join('');
    const tail = page[page.length - 1]!;
    last = { t: tail.t, id: tail.d.id };
    if (page.length < EXPORT_PAGE) return;
  }
}
