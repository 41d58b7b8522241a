/**
 * The check runner's writes to a check, each with its audit row in the same database call: the proxy bench's CPU
 * profile had the embedded database as the largest share of the proxy's work per check (a dozen statements per check,
 * the whole case re-read to derive its status, an audit insert of its own after each write). Here a check's start is
 * one statement, and its finish one call inside its transaction (plus the session's completion when the case is final).
 */
import { sql, type SQL } from 'drizzle-orm';
import { auditInsertFrom, SYSTEM, type AuditEntry } from '../audit/log.js';
import { rowsOf } from '../db/client.js';
import type { Db } from '../db/client.js';
import type { CheckOutcome } from '../providers/types.js';
import { withBoundedRaw } from './bounded-raw.js';
import type { CaseSessionHooks } from './session-hooks.js';

/** A system audit row on the check's case (check.started / check.finished). */
export interface CheckAudit {
  action: 'check.started' | 'check.finished';
  caseId: string;
  detail: Record<string, unknown>;
}

/** `audit` as one more CTE of the statement: one row per row of `source`, none when `source` is empty. */
const auditOf = (audit: CheckAudit | undefined, source: string): SQL =>
  audit ? sql`, audit as (${auditInsertFrom(source, { actor: SYSTEM, ...audit } satisfies AuditEntry)})` : sql``;

/** Request number `attempts` of the check is being sent now; with `audit`, its check.started row. */
export async function markCheckRunning(db: Db, e: { checkId: string; attempts: number; audit?: CheckAudit }): Promise<void> {
  await db.execute(sql`
    with started as (
      update checks set status = 'running', attempts = ${e.attempts}, started_at = ${new Date().toISOString()}::timestamptz
      where id = ${e.checkId}
      returning id
    )${auditOf(e.audit, 'started')}
    select 1`);
}

/**
 * The check's outcome, the case's status, its check.finished audit row (with `auditDetail`: that row's detail) and,
 * for a session's case that is now final, the session's completion land together; the check's lease is cleared. With
 * `leaseOwner`, only while that process holds the lease: false otherwise (another process took the check over),
 * nothing written. One call of the database's finish_check (../db/check-finish.ts), plus the session's write.
 */
export async function finishCheck(
  db: Db,
  hooks: CaseSessionHooks | undefined,
  e: { checkId: string; caseId: string; outcome: CheckOutcome; leaseOwner?: string; auditDetail?: Record<string, unknown> },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const finishedAt = new Date();
    const [row] = rowsOf<{ case_status: string | null }>(
      await tx.execute(sql`select finish_check(
        ${e.checkId}, ${e.leaseOwner ?? null}, ${e.outcome.kind === 'result' ? 'done' : 'error'},
        ${JSON.stringify(withBoundedRaw(e.outcome))}::jsonb, ${finishedAt.toISOString()}::timestamptz,
        ${e.auditDetail ? JSON.stringify(e.auditDetail) : null}::jsonb) as case_status`),
    );
    if (!row?.case_status) return false;
    await hooks?.checkFinished(tx, { caseId: e.caseId, final: row.case_status !== 'processing', now: finishedAt });
    return true;
  });
}
