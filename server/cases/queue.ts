/**
 * The review queue: filtered, keyset-paginated listing (createdAt, id — or risk, createdAt, id — stable
 * while new cases arrive, unlike offsets) and race-safe take-next.
 */
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { FindingFilter, ParsedCaseListQuery } from '@contract/api';
import { INTEGRITY_FINDING_KINDS, type TAKE_NEXT_ORDERS } from '@contract/api/enums.js';
import { rowsOf, type Db } from '../db/client.js';
import { applications, cases, users } from '../db/schema.js';
import type { AssignedCase, CaseRepository, CheckRow } from './repository.js';
import { decodeCursor, encodeCursor } from '../db/keyset-cursor.js';

/** One page of the queue: cases with their assignee and checks (views.ts caseListView makes the API's list). */
export interface CasePage {
  cases: Array<AssignedCase & { checks: CheckRow[] }>;
  /** Absent on the last page. */
  nextCursor?: string;
}

export type TakeNextOrder = (typeof TAKE_NEXT_ORDERS)[number];

/** The `finding` filter as a condition on the stored screening (jsonb containment, so `any`/`none` aside it is one lookup). */
function findingCondition(filter: FindingFilter): SQL {
  const findings = sql`coalesce(${cases.integrity}->'findings', '[]'::jsonb)`;
  if (filter === 'any') return sql`jsonb_array_length(${findings}) > 0`;
  if (filter === 'none') return sql`${cases.integrity}->>'status' = 'done' and jsonb_array_length(${findings}) = 0`;
  const key = (INTEGRITY_FINDING_KINDS as readonly string[]).includes(filter) ? 'kind' : 'code';
  return sql`${cases.integrity} @> ${JSON.stringify({ findings: [{ [key]: filter }] })}::jsonb`;
}

export function createCaseQueue(
  db: Db,
  repo: Pick<CaseRepository, 'checksOfCases'>,
  options: { takeNextOrder?: TakeNextOrder } = {},
) {
  // Riskiest first by default; oldest first among equal risk (and always, with `age`).
  const takeNextOrder = options.takeNextOrder === 'age' ? sql`c2.created_at, c2.id` : sql`c2.risk desc, c2.created_at, c2.id`;
  return {
    async list(query: ParsedCaseListQuery): Promise<CasePage> {
      const where: SQL[] = [];
      if (query.status) where.push(eq(cases.reviewStatus, query.status));
      // Filter columns kept in step with the checks by a trigger (server/db/case-filters.ts), indexed.
      if (query.verdict) where.push(sql`${cases.verdicts} @> array[${query.verdict}]::text[]`);
      if (query.vendor) where.push(sql`${cases.providers} @> array[${query.vendor}]::text[]`);
      if (query.disagreement !== undefined) where.push(eq(cases.disagreement, query.disagreement));
      if (query.finding) where.push(findingCondition(query.finding));
      if (query.reference !== undefined) where.push(eq(cases.reference, query.reference));
      if (query.applicationId !== undefined) where.push(eq(cases.applicationId, query.applicationId));
      if (query.from) where.push(gte(cases.createdAt, new Date(query.from)));
      if (query.to) where.push(lte(cases.createdAt, new Date(query.to)));
      if (query.q)
        where.push(
          sql`${cases.id} like ${
            query.q
              .trim()
              .toLowerCase()
              .replace(/[\\%_]/g, (m) => `\\${m}`) + '%'
          }`,
        );
      const byRisk = query.sort === 'risk_desc';
      const ascending = query.sort === 'created_asc';
      if (query.cursor) {
        const c = decodeCursor(query.cursor);
        const at = sql`${c.t}::timestamptz`;
        if (byRisk) {
          const r = c.r ?? 0;
          where.push(
            sql`(${cases.risk} < ${r} or (${cases.risk} = ${r} and (${cases.createdAt}, ${cases.id}) > (${at}, ${c.id})))`,
          );
        } else
          where.push(
            ascending
              ? sql`(${cases.createdAt}, ${cases.id}) > (${at}, ${c.id})`
              : sql`(${cases.createdAt}, ${cases.id}) < (${at}, ${c.id})`,
          );
      }
      const order = byRisk
        ? [desc(cases.risk), asc(cases.createdAt), asc(cases.id)]
        : ascending
          ? [asc(cases.createdAt), asc(cases.id)]
          : [desc(cases.createdAt), desc(cases.id)];
      const rows = await db
        .select({
          c: cases,
          assigneeEmail: users.email,
          applicationName: applications.name,
          cursorAt: sql<string>`to_char(${cases.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        })
        .from(cases)
        .leftJoin(users, eq(users.id, cases.assigneeId))
        .leftJoin(applications, eq(applications.id, cases.applicationId))
        .where(where.length > 0 ? and(...where) : undefined)
        .orderBy(...order)
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const checks = await repo.checksOfCases(page.map((r) => r.c.id));
      return {
        cases: page.map(({ c, assigneeEmail, applicationName }) => ({
          c,
          assigneeEmail,
          applicationName,
          checks: checks.filter((k) => k.caseId === c.id),
        })),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ t: last.cursorAt, id: last.c.id, ...(byRisk ? { r: last.c.risk } : {}) })
            : undefined,
      };
    },

    /**
     * The case the caller already holds, else the riskiest waiting one, oldest first among equals
     * (`takeNextOrder: 'age'`: the oldest): `new`, or escalated (in review, unassigned) by someone
     * other than the caller. One conditional UPDATE claims it:
     * FOR UPDATE SKIP LOCKED lets concurrent callers pass over a row another transaction is
     * claiming, and the re-checked WHERE means two callers can never both win the same case.
     * Cases whose checks are still running wait until they finish.
     */
    async takeNext(userId: string, now: Date = new Date()): Promise<{ caseId: string; claimed: boolean } | undefined> {
      const [held] = await db
        .select({ id: cases.id })
        .from(cases)
        .where(and(eq(cases.reviewStatus, 'in_review'), eq(cases.assigneeId, userId)))
        .orderBy(asc(cases.assignedAt))
        .limit(1);
      if (held) return { caseId: held.id, claimed: false };
      const waiting = (t: SQL) => sql`${t}.status <> 'processing' and (${t}.review_status = 'new'
        or (${t}.review_status = 'in_review' and ${t}.assignee_id is null
          and not exists (select 1 from decisions d where d.case_id = ${t}.id and d.user_id = ${userId})))`;
      const outer = sql.raw('cases');
      const inner = sql.raw('c2');
      for (let attempt = 0; attempt < 5; attempt++) {
        const result = rowsOf<{ id: string }>(
          await db.execute(sql`
          update cases set review_status = 'in_review', assignee_id = ${userId}, assigned_at = ${now.toISOString()}::timestamptz
          where id = (select c2.id from cases c2 where ${waiting(inner)} order by ${takeNextOrder} limit 1 for update skip locked)
            and ${waiting(outer)}
          returning id`),
        );
        const id = result[0]?.id;
        if (id) return { caseId: id, claimed: true };
        // Nothing claimed: either nothing waits, or another caller won the row we saw; look again.
        const left = rowsOf(await db.execute(sql`select id from cases where ${waiting(outer)} limit 1`));
        if (left.length === 0) return undefined;
      }
      return undefined;
    },
  };
}

export type CaseQueue = ReturnType<typeof createCaseQueue>;
