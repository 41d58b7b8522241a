/**
 * The deepfake answer both cloudauth products give (intl doc "Response parameters", China doc 响应参数; spec §2 and
 * §4 "Responses") onto the common CheckOutcome:
 *  - Result "0" low risk → pass, "1" high risk → fail, "2" suspicious → review;
 *  - score = the highest RiskScore value. Each value is the confidence that its risk tag applies, so it already
 *    reads "1 = most likely fake" and is used as is (clamped to 0–1);
 *  - riskTags = RiskTag split on commas. No threshold is given by the vendor.
 */
import { z } from 'zod';
import type { CheckOutcome, CheckSuccess, Verdict } from '../types.js';
import { mapPopFailure, type PopAnswer } from './pop-mapping.js';

const stringish = z.union([z.string(), z.number()]).transform(String);

export const resultObjectSchema = z.looseObject({
  Result: stringish,
  RiskTag: z.string().nullish(),
  RiskScore: z.record(z.string(), stringish).nullish(),
});

export const successBodySchema = z.looseObject({
  RequestId: z.string().optional(),
  Code: stringish,
  Message: z.string().optional(),
  ResultObject: resultObjectSchema,
});

export type SuccessBody = z.infer<typeof successBodySchema>;

export function verdictForResult(result: string): Verdict {
  switch (result) {
    case '0':
      return 'pass';
    case '1':
      return 'fail';
    case '2':
      return 'review';
    default:
      // (guess) a result the doc does not list must not pass unseen: a person looks at it.
      return 'review';
  }
}

export function riskTagsOf(riskTag: string | null | undefined): string[] {
  return [
    ...new Set(
      (riskTag ?? '')
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

/** The highest parseable score, clamped to 0–1; undefined when the map is empty or absent. */
export function scoreOf(riskScore: Readonly<Record<string, string>> | null | undefined): number | undefined {
  // Number('') is 0, so empty strings are dropped before parsing.
  const values = Object.values(riskScore ?? {})
    .filter((text) => text.trim() !== '')
    .map(Number)
    .filter(Number.isFinite);
  if (values.length === 0) return undefined;
  return Math.min(1, Math.max(0, ...values));
}

export function mapSuccess(body: SuccessBody, raw: unknown, latencyMs: number): CheckSuccess {
  const { Result, RiskTag, RiskScore } = body.ResultObject;
  const success: CheckSuccess = {
    kind: 'result',
    verdict: verdictForResult(Result),
    riskTags: riskTagsOf(RiskTag),
    vendorRequestId: body.RequestId,
    latencyMs,
    raw,
  };
  const score = scoreOf(RiskScore);
  if (score !== undefined) success.score = score;
  return success;
}

/**
 * From an HTTP answer to a CheckOutcome. HTTP 200 with a success Code and a ResultObject is a result; anything
 * else is read as a failure (spec §2: 4xx/5xx carry a POP error body; cloudauth may also put an error Code in a 200).
 */
export function mapCloudauthResponse(vendor: string, successCodes: readonly string[], answer: PopAnswer): CheckOutcome {
  if (answer.status === 200) {
    let json: unknown;
    try {
      json = JSON.parse(answer.bodyText);
    } catch {
      return mapPopFailure(vendor, successCodes, answer);
    }
    const success = successBodySchema.safeParse(json);
    if (success.success && successCodes.includes(success.data.Code)) return mapSuccess(success.data, json, answer.latencyMs);
  }
  return mapPopFailure(vendor, successCodes, answer);
}
