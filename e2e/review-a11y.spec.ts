/** No axe violations on the reviewer pages: login, queue, case, dashboard. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SIGNED_OUT, postFixtureCapture } from './api.js';

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

test.describe('signed out', () => {
  test.use({ storageState: SIGNED_OUT });
  test('login page', async ({ page }) => {
    await page.goto('/review/login');
    await expect(page.getByRole('heading', { name: 'Reviewer sign-in' })).toBeVisible();
    await expectNoViolations(page);
  });
});

test('queue, case and dashboard pages', async ({ page, request }) => {
  const caseId = await postFixtureCapture(request, ['tencent']);
  await page.goto('/review');
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  await expectNoViolations(page);

  await page.goto(`/review/cases/${caseId}`);
  await expect(page.getByTestId('check-card').first()).toBeVisible();
  await expect(page.getByTestId('timeline-event').first()).toBeVisible();
  await expectNoViolations(page);

  await page.goto('/review/dashboard');
  await expect(page.getByTestId('chart-verdicts')).toBeVisible();
  await expectNoViolations(page);
});
