/**
 * Every user-visible string of the demo panel, in one place for the later translation (issue 15 item 11): whole
 * sentences as functions of their values, never assembled elsewhere.
 */
import type { DemoOutcome } from '@contract/api';

export const DEMO_TEXT = {
  pageTitle: 'Demo',
  navLink: 'Demo',
  intro: 'For demonstrations only: the vendors below run on their built-in simulators, so nothing here reaches a real vendor.',
  loading: 'Loading the demo panel…',
  loadFailed: "Couldn't load the demo panel",
  off: 'The demo panel is off: every vendor on this server is live.',
  tryAgain: 'Try again',
  steerHeading: 'Make a vendor answer',
  steerDescription: 'The chosen answer applies to the next checks that vendor runs, then it answers "real" again.',
  vendorLabel: 'Vendor',
  outcomeLabel: 'Answer',
  countLabel: 'For the next N checks',
  steerButton: 'Queue the answers',
  outcomeNames: {
    real: 'Real person (pass)',
    fake: 'Deepfake (fail)',
    suspicious: 'Suspicious (review)',
    error: 'An error',
  } satisfies Record<DemoOutcome, string>,
  queued: (vendor: string, outcome: string, count: number, waiting: number) =>
    count === 1
      ? `${vendor} will answer "${outcome}" to its next check (${waiting} queued answers in all).`
      : `${vendor} will answer "${outcome}" to its next ${count} checks (${waiting} queued answers in all).`,
  seedHeading: 'Demo cases',
  seedDescription:
    'A month of cases with agreements, disagreements, retakes, capture-integrity findings and decisions by three demo reviewers. They carry references DEMO-001… and have no video.',
  seededNow: (n: number) => (n === 1 ? 'There is 1 demo case now.' : `There are ${n} demo cases now.`),
  seedButton: 'Add demo cases',
  removeButton: 'Remove all demo cases',
  seeded: (n: number) => `Added ${n} demo cases.`,
  removed: (n: number) => (n === 1 ? 'Removed 1 demo case.' : `Removed ${n} demo cases.`),
  failed: "That didn't work",
} as const;
