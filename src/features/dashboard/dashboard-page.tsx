import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { formatMs } from '../../lib/format';
import { isAdmin, useSessionUser } from '../../lib/session';
import { Button, Notice, PageHeader, SelectField, SMALL_BUTTON, Spinner } from '../../lib/ui';
import { dashboardQuery } from './api';
import type { Series } from './chart-frame';
import { ExportPanel } from './export-panel';
import { HeadlineCards } from './headline-cards';
import { ReviewerTable } from './reviewer-table';
import { DASHBOARD_TEXT as T } from './text';
import { HBarChart } from './h-bar-chart';
import { niceMax } from './scales';
import { StackedBarChart } from './stacked-bar-chart';

const RANGES = [7, 30, 90] as const;

const VERDICT_SERIES: Series[] = [
  { key: 'pass', label: 'Pass', color: '#059669' },
  { key: 'review', label: 'Review', color: '#d97706' },
  { key: 'fail', label: 'Fail', color: '#e11d48' },
  { key: 'error', label: 'Error', color: '#64748b' },
  { key: 'retakes', label: T.retakesSeries, color: '#0ea5e9' },
];
const DECISION_SERIES: Series[] = [
  { key: 'approve', label: 'Approved', color: '#059669' },
  { key: 'reject', label: 'Rejected', color: '#e11d48' },
  { key: 'escalate', label: 'Escalated', color: '#7c3aed' },
];
const ERROR_SERIES: Series[] = [
  { key: 'rate', label: 'Error rate', color: '#e11d48' },
  { key: 'retakes', label: T.retakeRateSeries, color: '#0ea5e9' },
];
const LATENCY_SERIES: Series[] = [
  { key: 'p50', label: 'p50', color: '#0369a1' },
  { key: 'p95', label: 'p95', color: '#7dd3fc' },
];
const pct = (v: number) => `${Math.round(v * 100)} %`;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : undefined);

/** Cases by verdict and decision per day, vendor latency and error rate, and agreement. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const days = (RANGES as readonly number[]).includes(asked) ? asked : 30;
  const { data, error, isPending, refetch } = useQuery(dashboardQuery(days));
  const admin = isAdmin(useSessionUser());

  useEffect(() => {
    document.title = 'Dashboard · Review';
  }, []);

  const latencyMax = niceMax(Math.max(0, ...(data?.vendors ?? []).map((v) => v.latencyMsP95 ?? v.latencyMsP50 ?? 0)));

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title="Dashboard">
        <SelectField label="Period" value={days} onChange={(e) => setParams({ days: e.target.value })}>
          {RANGES.map((d) => (
            <option key={d} value={d}>
              Last {d} days
            </option>
          ))}
        </SelectField>
      </PageHeader>
      {isPending ? (
        <p role="status" className="flex items-center gap-2 text-slate-600">
          <Spinner className="size-4" /> Loading the dashboard…
        </p>
      ) : null}
      {error ? (
        <Notice tone="error" heading="Couldn't load the dashboard" role="alert">
          <p>{error.message}</p>
          <Button variant="secondary" className={`mt-2 ${SMALL_BUTTON}`} onClick={() => void refetch()}>
            Try again
          </Button>
        </Notice>
      ) : null}
      {data ? <HeadlineCards headline={data.headline} /> : null}
      {data ? (
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <StackedBarChart
            testId="chart-verdicts"
            title="Vendor verdicts per day"
            description="Finished vendor checks each day, stacked by normalised verdict; vendor errors and retake answers (the capture's fault, not the vendor's) separately."
            series={VERDICT_SERIES}
            rows={data.days.map((d) => ({ label: d.day, values: { ...d.verdicts, retakes: d.retakes } }))}
          />
          <StackedBarChart
            testId="chart-decisions"
            title="Reviewer decisions per day"
            description="Decisions recorded each day, stacked by outcome."
            series={DECISION_SERIES}
            rows={data.days.map((d) => ({ label: d.day, values: { ...d.decisions } }))}
          />
          <HBarChart
            testId="chart-latency"
            title="Vendor latency"
            description="Median (p50) and 95th percentile (p95) time for a vendor check in the period."
            series={LATENCY_SERIES}
            max={latencyMax}
            format={formatMs}
            rows={data.vendors.map((v) => ({ label: v.providerId, values: { p50: v.latencyMsP50, p95: v.latencyMsP95 } }))}
          />
          <HBarChart
            testId="chart-errors"
            title="Vendor error rate"
            description="Share of each vendor's checks that ended in a vendor error, and apart from it the share answered with a retake (the capture's fault, not the vendor's)."
            series={ERROR_SERIES}
            max={1}
            format={pct}
            rows={data.vendors.map((v) => ({
              label: T.vendorChecksLabel(v.providerId, v.checks),
              values: { rate: v.errorRate, retakes: share(v.retakes, v.checks) },
            }))}
          />
          <HBarChart
            testId="chart-agreement-pairs"
            title="Agreement between vendors"
            description="For each pair of vendors that both gave a verdict on the same case: how often the verdicts matched (the on-box local screening is not a vendor and is left out)."
            series={[{ key: 'agreed', label: 'Agreed', color: '#0369a1' }]}
            max={1}
            format={pct}
            rows={data.agreement.vendorPairs.map((p) => ({
              label: `${p.a} ↔ ${p.b} (${p.cases})`,
              values: { agreed: share(p.agreed, p.cases) },
            }))}
          />
          <HBarChart
            testId="chart-agreement-reviewer"
            title="Vendor vs reviewer"
            description="How often each vendor's verdict matched the reviewer's final decision (approve ≈ pass, reject ≈ fail; escalations skipped)."
            series={[{ key: 'agreed', label: 'Agreed', color: '#059669' }]}
            max={1}
            format={pct}
            rows={data.agreement.vendorVsReviewer.map((v) => ({
              label: `${v.providerId} (${v.cases})`,
              values: { agreed: share(v.agreed, v.cases) },
            }))}
          />
          <ReviewerTable reviewers={data.reviewers} />
        </div>
      ) : null}
      {admin ? <ExportPanel key={days} days={days} /> : null}
    </div>
  );
}
