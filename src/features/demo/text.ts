/**
 * Every user-visible string of the demo panel, from the review catalogs (issue 15 item 11): whole sentences as
 * functions of their values, never assembled elsewhere.
 */
import type { DemoOutcome } from '@contract/api';
import { useReviewI18n, type ReviewI18n } from '../../lib/i18n/review-i18n';

export const DEMO_OUTCOMES: readonly DemoOutcome[] = ['real', 'fake', 'suspicious', 'error'];

export function demoText({ t, plural }: ReviewI18n) {
  return {
    docSuffix: t('nav.label'),
    pageTitle: t('demo.pageTitle'),
    intro: t('demo.intro'),
    loading: t('demo.loading'),
    loadFailed: t('demo.loadFailed'),
    off: t('demo.off'),
    tryAgain: t('common.tryAgain'),
    steerHeading: t('demo.steerHeading'),
    steerDescription: t('demo.steerDescription'),
    vendorLabel: t('filters.vendor'),
    outcomeLabel: t('demo.outcomeLabel'),
    countLabel: t('demo.countLabel'),
    steerButton: t('demo.steerButton'),
    outcomeNames: {
      real: t('demo.outcome.real'),
      fake: t('demo.outcome.fake'),
      suspicious: t('demo.outcome.suspicious'),
      error: t('demo.outcome.error'),
    } satisfies Record<DemoOutcome, string>,
    queued: (vendor: string, outcome: string, count: number, waiting: number) =>
      plural('demo.queued', count, { vendor, outcome, waiting }),
    seedHeading: t('demo.seedHeading'),
    seedDescription: t('demo.seedDescription'),
    seededNow: (n: number) => plural('demo.seededNow', n),
    seedButton: t('demo.seedButton'),
    removeButton: t('demo.removeButton'),
    seeded: (n: number) => plural('demo.seeded', n),
    removed: (n: number) => plural('demo.removed', n),
    failed: t('demo.failed'),
  };
}

export function useDemoText() {
  return demoText(useReviewI18n());
}
