/** The admins' demo panel: make two vendors disagree and see it in the queue; seed and remove demo cases. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { postFixtureCapture } from './api.js';

test('the demo panel makes two vendors disagree, and the queue shows it', async ({ page, request }) => {
  await page.goto('/review');
  await page.getByRole('navigation', { name: 'Review' }).getByRole('link', { name: 'Demo' }).click();
  await expect(page).toHaveURL(/\/review\/admin\/demo$/);
  await expect(page.getByRole('heading', { name: 'Demo', level: 1 })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  const steer = page.getByTestId('demo-steer');
  await steer.getByLabel('Vendor').selectOption('glair');
  await steer.getByLabel('Answer').selectOption('fake');
  await steer.getByLabel('For the next N checks').fill('1');
  await steer.getByRole('button', { name: 'Queue the answers' }).click();
  await expect(page.getByTestId('demo-queued')).toContainText('next check');

  const caseId = await postFixtureCapture(request, ['tencent', 'glair']);
  await page.goto('/review?disagreement=true');
  const row = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
  await expect(row.getByTestId('disagreement')).toBeVisible();
});

test('demo cases are added and removed in one step each', async ({ page }) => {
  await page.goto('/review/admin/demo');
  const panel = page.getByTestId('demo-cases');
  await panel.getByRole('button', { name: 'Add demo cases' }).click();
  await expect(panel.getByRole('status')).toHaveText('Added 40 demo cases.');
  await expect(page.getByTestId('demo-seeded-count')).toContainText('40 demo cases');

  await page.goto('/review?reference=DEMO-001');
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  await page.goto('/review/dashboard');
  await expect(page.getByTestId('reviewer-throughput')).toContainText('demo@example.test');

  await page.goto('/review/admin/demo');
  await panel.getByRole('button', { name: 'Remove all demo cases' }).click();
  await expect(panel.getByRole('status')).toHaveText('Removed 40 demo cases.');
  await page.goto('/review?reference=DEMO-001');
  await expect(page.getByTestId('case-row')).toHaveCount(0);
});
