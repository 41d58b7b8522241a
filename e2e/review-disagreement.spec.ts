/** A case where vendors disagree is flagged in the queue and on the case page, results side by side. */
import { expect, test } from '@playwright/test';
import { postFixtureCapture } from './api.js';

test('vendors that disagree are flagged for the reviewer', async ({ page, request }) => {
  await request.post('/sim/glair/_control/next', { data: { outcome: 'fake' } });
  const caseId = await postFixtureCapture(request, ['tencent', 'glair']);

  await page.goto('/review?disagreement=true');
  const row = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
  await expect(row.getByTestId('disagreement')).toBeVisible();
  await row.getByRole('link', { name: `Case ${caseId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/review/cases/${caseId}$`));
  await expect(page.getByTestId('disagreement')).toBeVisible();
  const glair = page.locator('[data-testid="check-card"][data-provider="glair"]');
  const tencent = page.locator('[data-testid="check-card"][data-provider="tencent"]');
  await expect(glair.getByText(/fail/i).first()).toBeVisible();
  await expect(tencent.getByText(/pass/i).first()).toBeVisible();
  // Each simulated result is labelled and its raw vendor answer can be opened.
  await expect(glair.getByTestId('simulated-note')).toBeVisible();
  await glair.getByText('Raw response').click();
  await expect(glair.getByTestId('raw-response')).toBeVisible();
});
