import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapCloudauthResponse } from '../alibaba-acs3/cloudauth-result.js';
import { POP_ERROR_CATALOGUE } from '../alibaba-acs3/pop-error.js';

const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixtureText = (name: string) => readFileSync(path.join(fixturesDir, name), 'utf8');
/** How the China client reads an answer (client.ts: only Code "200" is success). */
const answer = (name: string, status = 200) =>
  mapCloudauthResponse('Alibaba Cloud (China)', ['200'], { status, bodyText: fixtureText(name), latencyMs: 7 });

describe('successful answers', () => {
  it('the doc example → fail, score 0.9796 (SuspectPSFace), tags as given', () => {
    expect(answer('doc-success-example.json')).toEqual({
      kind: 'result',
      verdict: 'fail',
      score: 0.9796,
      riskTags: ['SuspectDeepForgery'],
      vendorRequestId: '8FC3D6AC-9FED-4311-8DA7-C4BF47D9F260',
      latencyMs: 7,
      raw: JSON.parse(fixtureText('doc-success-example.json')),
    });
  });

  it('Result 0 → pass; Result 2 → review', () => {
    expect(answer('success-low-risk.json')).toMatchObject({ verdict: 'pass', riskTags: [] });
    expect(answer('success-suspicious.json')).toMatchObject({
      verdict: 'review',
      score: 0.61,
      riskTags: ['SuspectTemple', 'SuspectRemake'],
    });
  });

  it('"Success" is not the China success code', () => {
    const bodyText = fixtureText('success-low-risk.json').replace('"Code": "200"', '"Code": "Success"');
    expect(mapCloudauthResponse('V', ['200'], { status: 200, bodyText, latencyMs: 1 })).toMatchObject({
      kind: 'error',
      vendorCode: 'Success',
    });
  });
});

describe('error answers', () => {
  it.each([
    ['code-401-with-http-200.json', 'input', '401'],
    ['code-412-with-http-200.json', 'auth', '412'],
  ] as const)('%s (a numeric Code with HTTP 200) → %s', (name, category, code) => {
    expect(answer(name)).toMatchObject({ kind: 'error', category, vendorCode: code, httpStatus: 200 });
  });

  const popFixtures = readdirSync(fixturesDir).filter((name) => name.startsWith('error-'));

  it('has the POP error fixtures', () => {
    expect(popFixtures).toHaveLength(7);
  });

  it.each(popFixtures)('%s maps with its code, message, RequestId and category', (name) => {
    const body = JSON.parse(fixtureText(name)) as { Code: string; Message: string; RequestId: string };
    const status = POP_ERROR_CATALOGUE[body.Code]!.status;
    const expectedCategory = {
      SignatureDoesNotMatch: 'auth',
      'InvalidTimeStamp.Expired': 'auth',
      'Throttling.Api': 'throttled',
      InternalError: 'unavailable',
      MissingParameter: 'input',
      DownloadTimeout: 'unavailable',
      'Forbidden.RAMUserAccessDenied': 'auth',
    }[body.Code];
    expect(answer(name, status)).toMatchObject({
      kind: 'error',
      category: expectedCategory,
      vendorCode: body.Code,
      message: body.Message,
      vendorRequestId: body.RequestId,
      httpStatus: status,
      raw: body,
    });
  });
});
