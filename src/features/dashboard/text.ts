/**
 * Every user-visible string of the dashboard's panels, from the review catalogs (issue 15 item 11): whole
 * sentences as functions of their numbers, never assembled from pieces elsewhere.
 */
import { useReviewI18n, type ReviewI18n } from '../../lib/i18n/review-i18n';

export function dashboardText({ t, plural }: ReviewI18n) {
  return {
    headlineHeading: t('dash.headlineHeading'),
    backlog: t('dash.backlog'),
    backlogNone: t('dash.backlogNone'),
    oldestWaiting: t('dash.oldestWaiting'),
    oldestWaitingNone: t('dash.oldestWaitingNone'),
    oldestWaitingAge: (age: string) => t('dash.oldestWaitingAge', { age }),
    medianDecision: t('dash.medianDecision'),
    medianDecisionNone: t('dash.medianDecisionNone'),
    decisionsInPeriod: (n: number) => plural('dash.decisionsInPeriod', n),
    reviewersHeading: t('dash.reviewersHeading'),
    reviewersDescription: t('dash.reviewersDescription'),
    reviewersNone: t('dash.reviewersNone'),
    reviewerColumn: t('dash.reviewerColumn'),
    decisionsColumn: t('dash.decisionsColumn'),
    activeDaysColumn: t('dash.activeDaysColumn'),
    perDayColumn: t('dash.perDayColumn'),
    busiestDayColumn: t('dash.busiestDayColumn'),
    retakesSeries: t('dash.retakesSeries'),
    retakeRateSeries: t('dash.retakeRateSeries'),
    vendorChecksLabel: (vendor: string, checks: number) => t('dash.vendorChecksLabel', { vendor, checks }),
    exportHeading: t('dash.exportHeading'),
    exportDescription: t('dash.exportDescription'),
    exportFrom: t('dash.exportFrom'),
    exportTo: t('dash.exportTo'),
    exportCases: t('dash.exportCases'),
    exportDecisions: t('dash.exportDecisions'),
    exportRangeInvalid: t('dash.exportRangeInvalid'),
  };
}

export type DashboardText = ReturnType<typeof dashboardText>;

export function useDashboardText(): DashboardText {
  return dashboardText(useReviewI18n());
}
