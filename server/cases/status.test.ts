import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../providers/types.js';
import { deriveCaseStatus } from './status.js';

const result: CheckOutcome = { kind: 'result', verdict: 'pass', riskTags: [], latencyMs: 1, raw: {} };
const retake: CheckOutcome = {
  kind: 'error',
  category: 'retake',
  retakeReason: 'covered_face',
  vendorCode: 'FailedOperation.CoveredFace',
  message: 'covered',
  latencyMs: 1,
  raw: {},
};
const outage: CheckOutcome = { ...retake, category: 'unavailable', retakeReason: undefined, vendorCode: 'InternalError' };

describe('deriveCaseStatus', () => {
  it('is processing while any check is unfinished', () => {
    expect(deriveCaseStatus([{ status: 'done', outcome: result }, { status: 'running' }])).toEqual({
      status: 'processing',
    });
  });
  it('asks for a retake with the vendor reason', () => {
    expect(
      deriveCaseStatus([
        { status: 'done', outcome: result },
        { status: 'error', outcome: retake },
      ]),
    ).toEqual({
      status: 'retake',
      retakeReason: 'covered_face',
    });
  });
  it('does not blame the person for a vendor outage', () => {
    expect(deriveCaseStatus([{ status: 'error', outcome: outage }])).toEqual({ status: 'done' });
  });
});
