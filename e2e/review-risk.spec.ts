/**
 * The risk-first queue at 1366×768: a suspected fake (virtual camera) sorts above a clean case, shows its
 * screening before the vendor chips with no green pass, filters by finding, saves the filter, and "Take next"
 * hands a fresh reviewer the riskiest waiting case. On a phone the queue is a list that does not scroll sideways.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import type { CaseDetail, CaseListResponse } from '@contract/api';
import { SIGNED_OUT, csrfHeaders, postFixtureCapture, postScreenedCapture } from './api.js';

test.use({ viewport: { width: 1366, height: 768 } });

async function postSuspectedFake(request: APIRequestContext): Promise<string> {
  const caseId = await postScreenedCapture(request, 'OBS Virtual Camera');
  // Wait until the screening and the checks are done, so its risk is final.
  await expect
    .poll(
      async () => {
        const c = (await (await request.get(`/api/cases/${caseId}`)).json()) as CaseDetail;
        return c.status !== 'processing' && c.integrity?.status === 'done' ? c.risk : -1;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(8);
  return caseId;
}

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a suspected fake leads the risk-sorted queue, filters by finding, and take-next hands it out first', async ({
  page,
  browser,
  request,
}) => {
  const calm = await postFixtureCapture(request, ['tencent']);
  const fake = await postSuspectedFake(request);

  await page.goto('/review?sort=risk_desc');
  const rows = page.getByTestId('case-row');
  const fakeRow = page.locator(`[data-testid="case-row"][data-case-id="${fake}"]`);
  const calmRow = page.locator(`[data-testid="case-row"][data-case-id="${calm}"]`);
  await expect(fakeRow).toBeVisible();
  await expect(calmRow).toBeVisible();
  const order = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-case-id')));
  expect(order.indexOf(fake)).toBeLessThan(order.indexOf(calm));
  await expect(fakeRow.getByTestId('risk')).toHaveText('High risk');
  await expect(fakeRow.getByTestId('screening')).toContainText('Suspected fake');
  await expect(fakeRow.getByTestId('findings')).toContainText('virtual camera');
  // The vendor's pass does not look like an all-clear beside a suspected fake.
  const tencent = fakeRow.locator('[data-provider="tencent"]');
  await expect(tencent).toHaveAttribute('data-overruled', 'true');
  await expect(tencent).not.toHaveClass(/emerald/);
  await expect(calmRow.locator('[data-provider="tencent"]')).toHaveClass(/emerald/);
  await expectNoViolations(page);

  await page.getByLabel('Local screening').selectOption('suspected_fake');
  await expect(page).toHaveURL(/finding=suspected_fake/);
  await expect(fakeRow).toBeVisible();
  await expect(calmRow).toHaveCount(0);
  await page.getByLabel('Save these filters as').fill('Suspected fakes');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.goto('/review');
  await page.getByTestId('saved-filters').getByRole('link', { name: 'Suspected fakes' }).click();
  await expect(page).toHaveURL(/finding=suspected_fake/);
  await expect(calmRow).toHaveCount(0);

  // A fresh reviewer holds nothing: take-next gives the riskiest waiting case.
  const email = `risk-${Date.now()}@e2e.test`;
  const password = 'risk-reviewer-password-1';
  const created = await request.post('/api/admin/users', {
    data: { email, password, role: 'reviewer' },
    headers: await csrfHeaders(request),
  });
  expect(created.status()).toBe(201);
  const top = (await (await request.get('/api/cases?status=new&sort=risk_desc&limit=1')).json()) as CaseListResponse;
  const reviewer = await browser.newContext({ storageState: SIGNED_OUT, viewport: { width: 1366, height: 768 } });
  try {
    expect((await reviewer.request.post('/api/auth/login', { data: { email, password } })).status()).toBe(200);
    const rp = await reviewer.newPage();
    await rp.goto('/review');
    await rp.getByRole('button', { name: 'Take next' }).click();
    await expect(rp).toHaveURL(/\/review\/cases\/[^/]+$/);
    const taken = decodeURIComponent(rp.url().split('/').pop()!);
    const takenCase = (await (await request.get(`/api/cases/${taken}`)).json()) as CaseDetail;
    expect(takenCase.risk).toBe(top.cases[0]!.risk);
    expect(takenCase.risk).toBeGreaterThanOrEqual(8);
  } finally {
    await reviewer.close();
  }
});

test('on a phone the queue is a list of cards that never scrolls sideways', async ({ page, request }) => {
  await postFixtureCapture(request, ['tencent']);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/review');
  const first = page.getByTestId('case-row').first();
  await expect(first).toBeVisible();
  expect(await first.evaluate((el) => el.tagName)).toBe('LI');
  await expect(page.locator('table')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoViolations(page);
});
