import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useReviewI18n, type ReviewT } from '../../lib/i18n/review-i18n';
import { isAdmin, useSessionUser } from '../../lib/session';
import { Button, Notice, PageHeader, SelectField, SMALL_BUTTON, Spinner } from '../../lib/ui';
import { dashboardQuery } from './api';
import type { Series } from './chart-frame';
import { ExportPanel } from './export-panel';
import { HeadlineCards } from './headline-cards';
import { ReviewerTable } from './reviewer-table';
import { useDashboardText, type DashboardText } from './text';
import { HBarChart } from './h-bar-chart';
import { niceMax } from './scales';
import { StackedBarChart } from './stacked-bar-chart';

const RANGES = [7, 30, 90] as const;

const verdictSeries = (t: ReviewT, T: DashboardText): Series[] => [
  { key: 'pass', label: t('dash.series.pass'), color: '#059669' },
  { key: 'review', label: t('dash.series.review'), color: '#d97706' },
  { key: 'fail', label: t('dash.series.fail'), color: '#e11d48' },
  { key: 'error', label: t('dash.series.error'), color: '#64748b' },
  { key: 'retakes', label: T.retakesSeries, color: '#0ea5e9' },
];
const decisionSeries = (t: ReviewT): Series[] => [
  { key: 'approve', label: t('dash.series.approve'), color: '#059669' },
  { key: 'reject', label: t('dash.series.reject'), color: '#e11d48' },
  { key: 'escalate', label: t('dash.series.escalate'), color: '#7c3aed' },
];
const errorSeries = (t: ReviewT, T: DashboardText): Series[] => [
  { key: 'rate', label: t('dash.series.errorRate'), color: '#e11d48' },
  { key: 'retakes', label: T.retakeRateSeries, color: '#0ea5e9' },
];
const LATENCY_SERIES: Series[] = [
  { key: 'p50', label: 'p50', color: '#0369a1' },
  { key: 'p95', label: 'p95', color: '#7dd3fc' },
];
const share = (part: number, whole: number) => (whole > 0 ? part / whole : undefined);

/** Cases by verdict and decision per day, vendor latency and error rate, and agreement. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days'));
  const days = (RANGES as readonly number[]).includes(asked) ? asked : 30;
  const { data, error, isPending, refetch } = useQuery(dashboardQuery(days));
  const admin = isAdmin(useSessionUser());
  const { t, number, ms } = useReviewI18n();
  const T = useDashboardText();
  const pct = (v: number) => number(v, { style: 'percent', maximumFractionDigits: 0 });

  useEffect(() => {
    document.title = t('dash.docTitle');
  }, [t]);

  const latencyMax = niceMax(Math.max(0, ...(data?.vendors ?? []).map((v) => v.latencyMsP95 ?? v.latencyMsP50 ?? 0)));

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('dash.title')}>
        <SelectField label={t('dash.period')} value={days} onChange={(e) => setParams({ days: e.target.value })}>
          {RANGES.map((d) => (
            <option key={d} value={d}>
              {t('dash.lastDays', { n: d })}
            </option>
          ))}
        </SelectField>
      </PageHeader>
      {isPending ? (
        <p role="status" className="flex items-center gap-2 text-slate-600">
          <Spinner className="size-4" /> {t('dash.loading')}
        </p>
      ) : null}
      {error ? (
        <Notice tone="error" heading={t('dash.loadFailed')} role="alert">
          <p>{error.message}</p>
          <Button variant="secondary" className={`mt-2 ${SMALL_BUTTON}`} onClick={() => void refetch()}>
            {t('common.tryAgain')}
          </Button>
        </Notice>
      ) : null}
      {data ? <HeadlineCards headline={data.headline} /> : null}
      {data ? (
        <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
          <StackedBarChart
            testId="chart-verdicts"
            title={t('dash.verdicts.title')}
            description={t('dash.verdicts.description')}
            series={verdictSeries(t, T)}
            rows={data.days.map((d) => ({ label: d.day, values: { ...d.verdicts, retakes: d.retakes } }))}
          />
          <StackedBarChart
            testId="chart-decisions"
            title={t('dash.decisions.title')}
            description={t('dash.decisions.description')}
            series={decisionSeries(t)}
            rows={data.days.map((d) => ({ label: d.day, values: { ...d.decisions } }))}
          />
          <HBarChart
            testId="chart-latency"
            title={t('dash.latency.title')}
            description={t('dash.latency.description')}
            series={LATENCY_SERIES}
            max={latencyMax}
            format={ms}
            rows={data.vendors.map((v) => ({ label: v.providerId, values: { p50: v.latencyMsP50, p95: v.latencyMsP95 } }))}
          />
          <HBarChart
            testId="chart-errors"
            title={t('dash.errors.title')}
            description={t('dash.errors.description')}
            series={errorSeries(t, T)}
            max={1}
            format={pct}
            rows={data.vendors.map((v) => ({
              label: T.vendorChecksLabel(v.providerId, v.checks),
              values: { rate: v.errorRate, retakes: share(v.retakes, v.checks) },
            }))}
          />
          <HBarChart
            testId="chart-agreement-pairs"
            title={t('dash.pairs.title')}
            description={t('dash.pairs.description')}
            series={[{ key: 'agreed', label: t('dash.series.agreed'), color: '#0369a1' }]}
            max={1}
            format={pct}
            rows={data.agreement.vendorPairs.map((p) => ({
              label: `${p.a} ↔ ${p.b} (${p.cases})`,
              values: { agreed: share(p.agreed, p.cases) },
            }))}
          />
          <HBarChart
            testId="chart-agreement-reviewer"
            title={t('dash.vsReviewer.title')}
            description={t('dash.vsReviewer.description')}
            series={[{ key: 'agreed', label: t('dash.series.agreed'), color: '#059669' }]}
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
