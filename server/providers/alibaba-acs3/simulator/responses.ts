/** The success bodies the cloudauth deepfake simulators answer, shaped as the docs' response tables and examples. */
import { randomBytes } from 'node:crypto';
import { newPopRequestId } from '../pop-error.js';
import type { NextOutcome } from './control.js';

/** The four tags both docs list. */
export const DOCUMENTED_RISK_TAGS = ['SuspectDeepForgery', 'SuspectPSFace', 'SuspectTemple', 'SuspectRemake'] as const;

/** (guess) Scores for tags that were not raised; the China doc's example shows such a tag at "0.0000". */
const QUIET_SCORES: Readonly<Record<string, string>> = {
  SuspectDeepForgery: '0.0312',
  SuspectPSFace: '0.0105',
  SuspectTemple: '0.0021',
  SuspectRemake: '0.0000',
};

export interface SimulatedResultObject {
  Result: '0' | '1' | '2';
  RiskTag: string;
  RiskScore: Record<string, string>;
  TransactionId?: string;
}

export interface SimulatedSuccessBody {
  RequestId: string;
  Code: string;
  Message: string;
  ResultObject: SimulatedResultObject;
}

/** (guess) Raised tags: the doc example's 0.9500 for a fake, a middling score for a suspicious answer. */
function resultObjectFor(outcome: 'real' | 'fake' | 'suspicious', riskTags: string[] | undefined): SimulatedResultObject {
  if (outcome === 'real') return { Result: '0', RiskTag: '', RiskScore: { ...QUIET_SCORES } };
  const tags = riskTags ?? [outcome === 'fake' ? 'SuspectDeepForgery' : 'SuspectPSFace'];
  const score = outcome === 'fake' ? '0.9500' : '0.6200';
  return {
    Result: outcome === 'fake' ? '1' : '2',
    RiskTag: tags.join(','),
    RiskScore: { ...QUIET_SCORES, ...Object.fromEntries(tags.map((tag) => [tag, score])) },
  };
}

/**
 * `successCode`: "Success" (intl doc) or "200" (China doc). `withTransactionId`: the Stream result may carry one
 * (sdk model); its format is a guess.
 */
export function successBody(
  next: NextOutcome & { outcome: 'real' | 'fake' | 'suspicious' },
  successCode: string,
  withTransactionId = false,
): SimulatedSuccessBody {
  const resultObject = resultObjectFor(next.outcome, next.riskTags);
  if (withTransactionId) resultObject.TransactionId = randomBytes(16).toString('hex');
  return { RequestId: newPopRequestId(), Code: successCode, Message: 'success', ResultObject: resultObject };
}
