/**
 * The dashboard's range figures aggregated in the database, one statement: the same answer as `buildDashboard`
 * (stats.ts, the rules in words) without sending every case and check of the range to Node — 86k cases and
 * 172k checks for the default 30 days at 100k cases. Days are the cases' UTC creation days; percentiles are
 * nearest-rank (`percentile_disc`: the first value whose position reaches p·n, as `percentile` in stats.ts).
 */
import { sql } from 'drizzle-orm';
import type { DashboardResponse, Decision, ProviderId, Verdict } from '@contract/api';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/client.js';
import { emptyDays, type DashboardFigures } from './stats.js';

const DAY_MS = 86_400_000;

interface DayRow {
  /** Days since 1970-01-01 (UTC). */
  day: number;
  cases: number;
  decisions: Record<Decision, number>;
  verdicts: Record<Verdict | 'error', number>;
  retakes: number;
}

interface FigureRows {
  days: DayRow[] | null;
  vendors: Array<{
    providerId: ProviderId;
    checks: number;
    errors: number;
    retakes: number;
    p50: number | null;
    p95: number | null;
  }> | null;
  pairs: Array<{ a: ProviderId; b: ProviderId; cases: number; agreed: number }> | null;
  reviewer: Array<{ providerId: ProviderId; cases: number; agreed: number }> | null;
}

export const figuresStatement = (from: Date, to: Date) => sql`
  WITH c AS MATERIALIZED (
    -- The UTC day as a number (days since 1970): cheaper to group by than text.
    SELECT id, decision, floor(extract(epoch FROM created_at) / 86400)::int AS day
    FROM cases WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at <= ${to.toISOString()}::timestamptz
  ),
  -- The checks that answered (done or error, with an outcome); a retake is an error answer of its own category.
  k AS MATERIALIZED (
    SELECT k.id, k.case_id, k.provider_id, k.finished_at, c.day, c.decision,
           k.outcome->>'kind' = 'error' AND k.outcome->>'category' = 'retake' AS retake,
           k.outcome->>'kind' = 'error' AND k.outcome->>'category' IS DISTINCT FROM 'retake' AS error,
           CASE WHEN k.outcome->>'kind' <> 'error' THEN k.outcome->>'verdict' END AS verdict,
           CASE WHEN jsonb_typeof(k.outcome->'latencyMs') = 'number' THEN (k.outcome->>'latencyMs')::float8 END AS latency
    -- Per case by the case_id index: the cost follows the range's cases, not every check in the table.
    FROM c CROSS JOIN LATERAL (
      SELECT * FROM checks k WHERE k.case_id = c.id
        AND k.status IN ('done', 'error') AND k.outcome IS NOT NULL AND k.outcome <> 'null'::jsonb
      OFFSET 0 -- kept a subquery: pulled up into a plain join, it is hashed after reading every check
    ) k
  ),
  -- Each vendor's latest verdict on each case (a re-run replaces the earlier one; no finish time counts as oldest).
  latest AS MATERIALIZED (
    SELECT DISTINCT ON (case_id, provider_id) case_id, provider_id, verdict,
           CASE decision WHEN 'approve' THEN 'pass' WHEN 'reject' THEN 'fail' END AS reviewer
    FROM k WHERE verdict IS NOT NULL
    ORDER BY case_id, provider_id, coalesce(finished_at, 'epoch'::timestamptz) DESC, id DESC
  ),
  case_days AS (
    SELECT day, count(*) AS cases,
           count(*) FILTER (WHERE decision = 'approve') AS approve,
           count(*) FILTER (WHERE decision = 'reject') AS reject,
           count(*) FILTER (WHERE decision = 'escalate') AS escalate
    FROM c GROUP BY day
  ),
  check_days AS (
    SELECT day, count(*) FILTER (WHERE verdict = 'pass') AS pass, count(*) FILTER (WHERE verdict = 'review') AS review,
           count(*) FILTER (WHERE verdict = 'fail') AS fail, count(*) FILTER (WHERE error) AS error,
           count(*) FILTER (WHERE retake) AS retakes
    FROM k GROUP BY day
  )
  SELECT
    (SELECT json_agg(json_build_object(
              'day', d.day, 'cases', d.cases, 'retakes', coalesce(v.retakes, 0),
              'decisions', json_build_object('approve', d.approve, 'reject', d.reject, 'escalate', d.escalate),
              'verdicts', json_build_object('pass', coalesce(v.pass, 0), 'review', coalesce(v.review, 0),
                                            'fail', coalesce(v.fail, 0), 'error', coalesce(v.error, 0))))
       FROM case_days d LEFT JOIN check_days v USING (day)) AS days,
    (SELECT json_agg(json_build_object('providerId', provider_id, 'checks', checks, 'errors', errors, 'retakes', retakes,
                                       'p50', p50, 'p95', p95) ORDER BY provider_id COLLATE "C")
       FROM (SELECT provider_id, count(*) AS checks, count(*) FILTER (WHERE error) AS errors,
                    count(*) FILTER (WHERE retake) AS retakes,
                    percentile_disc(0.5) WITHIN GROUP (ORDER BY latency) FILTER (WHERE latency > 0) AS p50,
                    percentile_disc(0.95) WITHIN GROUP (ORDER BY latency) FILTER (WHERE latency > 0) AS p95
             FROM k GROUP BY provider_id) v) AS vendors,
    (SELECT json_agg(json_build_object('a', a, 'b', b, 'cases', cases, 'agreed', agreed) ORDER BY a COLLATE "C", b COLLATE "C")
       FROM (SELECT x.provider_id AS a, y.provider_id AS b, count(*) AS cases,
                    count(*) FILTER (WHERE x.verdict = y.verdict) AS agreed
             FROM latest x JOIN latest y ON y.case_id = x.case_id AND x.provider_id COLLATE "C" < y.provider_id COLLATE "C"
             WHERE x.provider_id <> 'local' AND y.provider_id <> 'local'
             GROUP BY x.provider_id, y.provider_id) p) AS pairs,
    (SELECT json_agg(json_build_object('providerId', provider_id, 'cases', cases, 'agreed', agreed) ORDER BY provider_id COLLATE "C")
       FROM (SELECT provider_id, count(*) AS cases, count(*) FILTER (WHERE verdict = reviewer) AS agreed
             FROM latest WHERE reviewer IS NOT NULL GROUP BY provider_id) r) AS reviewer`;

/** The figures of the cases created in [from, to]: daily volumes, vendor errors and latency, agreement. */
export async function queryDashboardFigures(db: Db, from: Date, to: Date): Promise<DashboardFigures> {
  const [row] = await db.transaction(async (tx) => {
    // The range's checks are sorted and hashed in memory rather than spilled to temporary files.
    await tx.execute(sql`SET LOCAL work_mem = '32MB'`);
    await tx.execute(sql`SET LOCAL jit = off`);
    // Vendors on a case are few: hashing the latest verdicts by case beats the merge join the planner picks
    // from its (DISTINCT ON) under-estimate of them.
    await tx.execute(sql`SET LOCAL enable_mergejoin = off`);
    return rowsOf<FigureRows>(await tx.execute(figuresStatement(from, to)));
  });
  const days = emptyDays(from, to);
  for (const { day, ...counts } of row?.days ?? []) {
    const bucket = days.get(new Date(day * DAY_MS).toISOString().slice(0, 10));
    if (bucket) Object.assign(bucket, counts);
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    days: [...days.values()],
    vendors: (row?.vendors ?? []).map(({ p50, p95, ...v }) => ({
      ...v,
      errorRate: v.checks === 0 ? 0 : v.errors / v.checks,
      ...(p50 === null ? {} : { latencyMsP50: p50 }),
      ...(p95 === null ? {} : { latencyMsP95: p95 }),
    })) satisfies DashboardResponse['vendors'],
    agreement: { vendorPairs: row?.pairs ?? [], vendorVsReviewer: row?.reviewer ?? [] },
  };
}
