/**
 * A realistic month of demo cases, built as rows (pure and seeded, so a test can check what it builds): vendors
 * that agree, vendors that disagree, retakes, vendor errors, local screening findings, and decisions by three demo
 * reviewers spread over the last 30 days. The store (./store.ts) writes them; nothing here touches the database.
 */
import { randomUUID } from 'node:crypto';
import type { CaptureIntegrity, CheckOutcome, Decision, DecisionReason, RetakeReason, Verdict } from '@contract/api';
import type { cases, checks, decisions } from '../db/schema.js';

/**
 * Marks a seeded case where no upload can put it: a real case stores the sha256 (hex) of its capture token here, so
 * no capture token ever matches, and no client-sent field (telemetry, reference) can make a real case look seeded.
 */
export const DEMO_TOKEN_HASH = 'demo-seed';
export const DEMO_REFERENCE_PREFIX = 'DEMO-';
export const DEMO_CASE_COUNT = 40;
export const DEMO_REVIEWERS = ['ana.demo@example.test', 'budi.demo@example.test', 'chen.demo@example.test'] as const;

export interface DemoRows {
  cases: Array<typeof cases.$inferInsert>;
  checks: Array<typeof checks.$inferInsert>;
  decisions: Array<typeof decisions.$inferInsert>;
}

type Scenario = 'agree_real' | 'agree_fake' | 'disagree' | 'retake' | 'vendor_error' | 'integrity_fake';
/** How often each kind of case comes up, out of 20. */
const SCENARIO_WEIGHTS: Array<[Scenario, number]> = [
  ['agree_real', 9],
  ['agree_fake', 2],
  ['disagree', 3],
  ['retake', 2],
  ['vendor_error', 2],
  ['integrity_fake', 2],
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LOCAL_LABEL = 'local screening — no deepfake model';

/** mulberry32: a small seeded generator, so the same seed builds the same month. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const result = (verdict: Verdict, random: () => number): CheckOutcome => ({
  kind: 'result',
  verdict,
  score: verdict === 'pass' ? 0.02 + random() * 0.2 : verdict === 'review' ? 0.45 + random() * 0.2 : 0.8 + random() * 0.19,
  riskTags: verdict === 'pass' ? [] : ['demo_deepfake_suspected'],
  latencyMs: Math.round(400 + random() * 2600),
  raw: { demo: true },
});

const failure = (category: 'retake' | 'unavailable', random: () => number, retakeReason?: RetakeReason): CheckOutcome => ({
  kind: 'error',
  category,
  ...(retakeReason ? { retakeReason } : {}),
  vendorCode: category === 'retake' ? 'DEMO_NO_FACE' : 'DEMO_UNAVAILABLE',
  message: category === 'retake' ? 'No face found (demo data)' : 'Vendor unavailable (demo data)',
  latencyMs: Math.round(200 + random() * 800),
  raw: { demo: true },
});

function integrityFor(scenario: Scenario, at: Date): CaptureIntegrity {
  const base = { status: 'done' as const, label: LOCAL_LABEL, frames: [], screenedAt: at.toISOString() };
  if (scenario !== 'integrity_fake') return { ...base, verdict: 'review', findings: [] };
  return {
    ...base,
    verdict: 'fail',
    findings: [
      {
        code: 'virtual_camera',
        kind: 'suspected_fake',
        message: 'The capture reports a virtual camera ("OBS Virtual Camera"), which can feed any video into the recording.',
        evidence: { label: 'OBS Virtual Camera', demo: true },
      },
      {
        code: 'frozen_frames',
        kind: 'suspected_fake',
        message: 'The picture does not change for 1.2 s, as a replayed still would.',
        evidence: { longestFrozenRunS: 1.2, demo: true },
      },
    ],
  };
}

function pick(random: () => number): Scenario {
  const total = SCENARIO_WEIGHTS.reduce((n, [, w]) => n + w, 0);
  let r = random() * total;
  for (const [scenario, w] of SCENARIO_WEIGHTS) if ((r -= w) < 0) return scenario;
  return 'agree_real';
}

/** What a reviewer makes of each kind of case (escalations stay waiting: someone else takes them). */
const DECIDED_AS: Record<Scenario, { decision: Decision; reasonCode: DecisionReason }> = {
  agree_real: { decision: 'approve', reasonCode: 'genuine_person' },
  agree_fake: { decision: 'reject', reasonCode: 'deepfake_suspected' },
  disagree: { decision: 'escalate', reasonCode: 'vendors_disagree' },
  retake: { decision: 'reject', reasonCode: 'bad_capture' },
  vendor_error: { decision: 'approve', reasonCode: 'genuine_person' },
  integrity_fake: { decision: 'reject', reasonCode: 'replay_or_screen' },
};

/**
 * `vendors`: the simulated vendors the cases name (at least one); `local`: whether the on-box screening runs here.
 * Cases arrive over the last 30 days; the older ones are mostly decided, the last two days' mostly wait.
 */
export function buildDemoRows(now: Date, vendors: readonly string[], local: boolean, seed = 15): DemoRows {
  const random = seededRandom(seed);
  const rows: DemoRows = { cases: [], checks: [], decisions: [] };
  const used = vendors.slice(0, 3);
  for (let i = 0; i < DEMO_CASE_COUNT; i++) {
    const scenario = pick(random);
    const createdAt = new Date(now.getTime() - (i / DEMO_CASE_COUNT) * 30 * DAY - random() * 12 * HOUR - 5 * 60_000);
    const id = randomUUID();
    const outcomes = new Map<string, CheckOutcome>();
    used.forEach((vendor, k) => {
      const verdict: Verdict = scenario === 'agree_fake' ? 'fail' : scenario === 'disagree' && k === 0 ? 'fail' : 'pass';
      if (scenario === 'retake' && k === 0) outcomes.set(vendor, failure('retake', random, 'no_face'));
      else if (scenario === 'vendor_error' && k === used.length - 1) outcomes.set(vendor, failure('unavailable', random));
      else outcomes.set(vendor, result(verdict, random));
    });
    if (local) outcomes.set('local', result(scenario === 'integrity_fake' ? 'fail' : 'review', random));

    const ageMs = now.getTime() - createdAt.getTime();
    const decideAfter = 10 * 60_000 + random() * random() * 30 * HOUR;
    const decided = ageMs > 2 * DAY && decideAfter < ageMs && random() < 0.85;
    const choice = DECIDED_AS[scenario];
    const final = decided && choice.decision !== 'escalate';
    rows.cases.push({
      id,
      createdAt,
      status: scenario === 'retake' ? 'retake' : 'done',
      retakeReason: scenario === 'retake' ? 'no_face' : null,
      captureTokenHash: DEMO_TOKEN_HASH,
      telemetry: { demo: true, note: 'Demo data: seeded from the demo panel, no media.' },
      // An escalation leaves the case in review, unassigned, like a real one (server/cases/review.ts).
      reviewStatus: final ? 'decided' : decided ? 'in_review' : 'new',
      decision: decided ? choice.decision : null,
      integrity: local ? integrityFor(scenario, new Date(createdAt.getTime() + 20_000)) : null,
      reference: `${DEMO_REFERENCE_PREFIX}${String(i + 1).padStart(3, '0')}`,
      consentVersion: 'demo',
      consentAcceptedAt: createdAt,
      consentLocale: 'en',
    });
    for (const [providerId, outcome] of outcomes) {
      const finishedAt = new Date(createdAt.getTime() + outcome.latencyMs + 1000);
      rows.checks.push({
        id: randomUUID(),
        caseId: id,
        providerId: providerId as (typeof checks.$inferInsert)['providerId'],
        mode: providerId === 'local' ? 'local' : 'simulated',
        status: outcome.kind === 'error' ? 'error' : 'done',
        attempts: 1,
        idempotencyKey: randomUUID(),
        outcome,
        createdAt,
        startedAt: createdAt,
        finishedAt,
      });
    }
    if (decided) {
      rows.decisions.push({
        id: randomUUID(),
        caseId: id,
        ...choice,
        note: 'Demo decision',
        userId: `demo-reviewer-${i % DEMO_REVIEWERS.length}`,
        userEmail: DEMO_REVIEWERS[i % DEMO_REVIEWERS.length]!,
        createdAt: new Date(createdAt.getTime() + decideAfter),
      });
    }
  }
  return rows;
}
