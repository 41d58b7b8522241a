/**
 * Every user-visible string of the dashboard's new panels, in one place for the later translation (issue 15
 * item 11): whole sentences as functions of their numbers, never assembled from pieces elsewhere.
 */
export const DASHBOARD_TEXT = {
  headlineHeading: 'At a glance',
  backlog: 'Waiting for a decision',
  backlogNone: 'Nothing waiting',
  oldestWaiting: 'Oldest waiting case',
  oldestWaitingNone: 'None',
  oldestWaitingAge: (age: string) => `waiting ${age}`,
  medianDecision: 'Median time to decision',
  medianDecisionNone: 'No decisions in the period',
  decisionsInPeriod: (n: number) => (n === 1 ? '1 decision in the period' : `${n} decisions in the period`),
  reviewersHeading: 'Decisions per reviewer',
  reviewersDescription: 'Decisions recorded in the period by each reviewer; the average counts only the days they decided on.',
  reviewersNone: 'No decisions in the period.',
  reviewerColumn: 'Reviewer',
  decisionsColumn: 'Decisions',
  activeDaysColumn: 'Days active',
  perDayColumn: 'Per active day',
  busiestDayColumn: 'Busiest day',
  retakesSeries: 'Retake',
  retakeRateSeries: 'Retake rate',
  vendorChecksLabel: (vendor: string, checks: number) => `${vendor} (${checks})`,
  exportHeading: 'Export (CSV)',
  exportDescription:
    'Cases created or decisions recorded between two dates, for a spreadsheet. Every export is recorded in the audit log.',
  exportFrom: 'From',
  exportTo: 'To',
  exportCases: 'Download cases',
  exportDecisions: 'Download decisions',
  exportRangeInvalid: 'Choose a start date on or before the end date, at most 366 days apart.',
} as const;
