import { expect, type APIRequestContext } from '@playwright/test';
import type { CaseListResponse } from '../server/api-types.js';

export async function caseIds(request: APIRequestContext): Promise<string[]> {
  const res = await request.get('/api/cases');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as CaseListResponse).cases.map((c) => c.id);
}
