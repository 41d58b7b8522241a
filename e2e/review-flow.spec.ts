/**
 * The reviewer's day end to end: sign-in (and its errors), the queue, take next, the case page
 * (vendor cards, frame stepping, timeline, retention), a decision, and the dashboard.
 */
import { expect, test } from '@playwright/test';
import { E2E_ADMIN, SIGNED_OUT, postFixtureCapture } from './api.js';

test.describe('signed out', () => {
  test.use({ storageState: SIGNED_OUT });

  test('every review route sends an anonymous visitor to the login page', async ({ page, request }) => {
    expect((await request.get('/api/cases')).status()).toBe(401);
    await page.goto('/review/dashboard');
    await expect(page).toHaveURL(/\/review\/login\?next=%2Freview%2Fdashboard$/);
    await expect(page.getByRole('heading', { name: 'Reviewer sign-in' })).toBeVisible();
  });

  test('a wrong password says so, and signing in returns to where the reviewer was going', async ({ page }) => {
    await page.goto('/review/dashboard');
    await page.getByLabel('Email').fill(E2E_ADMIN.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-error')).toHaveAttribute('data-kind', 'credentials');
    await expect(page.getByTestId('login-error')).toContainText('Wrong email or password');

    await page.getByLabel('Password').fill(E2E_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/review\/dashboard$/);
    await expect(page.getByTestId('signed-in-as')).toContainText(E2E_ADMIN.email);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/review\/login$/);
    await page.goto('/review');
    await expect(page).toHaveURL(/\/review\/login/);
  });

  test('repeated failures are throttled with the time to wait', async ({ page }) => {
    await page.goto('/review/login');
    await page.getByLabel('Email').fill('nobody@e2e.test');
    const error = page.getByTestId('login-error');
    for (let i = 0; i < 8; i++) {
      await page.getByLabel('Password').fill(`wrong-${i}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(error).toBeVisible();
      if ((await error.getAttribute('data-kind')) === 'throttled') break;
      // Wait for the answer before the next try (the button is disabled while it runs).
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    }
    await expect(error).toHaveAttribute('data-kind', 'throttled');
    await expect(error).toContainText(/Too many failed attempts\. Try again in \d+ (seconds?|minutes?)\./);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeDisabled();
  });
});

test('queue → take next → case page → decision → queue shows it decided', async ({ page, request }) => {
  await postFixtureCapture(request, ['tencent', 'glair']);

  await page.goto('/review');
  await expect(page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
  await expect(page.getByTestId('case-row').first()).toBeVisible();

  await page.getByRole('button', { name: 'Take next' }).click();
  await expect(page).toHaveURL(/\/review\/cases\/[^/]+$/);
  const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(caseId);
  await expect(page.getByTestId('review-status')).toHaveAttribute('data-review-status', 'in_review');

  // Vendor results side by side, simulated ones labelled as such.
  const cards = page.getByTestId('check-card');
  await expect(cards.first()).toBeVisible();
  await expect(page.getByTestId('simulated-note').first()).toBeVisible();
  await expect(page.getByTestId('retention')).toHaveAttribute('data-state', 'counting');
  await expect(page.getByTestId('retention')).toContainText(/Media deleted in \d+ days?/);
  // The consent sent with the capture (text version, language, time) is on record.
  await expect(page.getByTestId('consent-record')).toContainText(/Consent: text version \S+ \(en\)/);

  // Frame stepping: the "." key and the button move one frame each.
  const readout = page.getByTestId('frame-readout');
  await expect(readout).toContainText(/^frame 1 \//);
  await page.getByRole('button', { name: 'Next frame ▶' }).click();
  await expect(readout).toContainText(/^frame 2 \//);
  await page.keyboard.press('.');
  await expect(readout).toContainText(/^frame 3 \//);
  await page.keyboard.press(',');
  await expect(readout).toContainText(/^frame 2 \//);

  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('[data-action="case.created"]')).toHaveCount(1);
  await expect(timeline.locator('[data-action="case.viewed"]').first()).toBeVisible();

  // Decide: reject, with reason and note, confirmed.
  const panel = page.getByTestId('decision-panel');
  await panel.getByLabel(/^Reject/).check();
  await panel.getByLabel('Reason').selectOption('deepfake_suspected');
  await panel.getByLabel('Note (optional)').fill('Mouth edges smear between frames 40 and 52.');
  await panel.getByRole('button', { name: 'Record decision' }).click();
  await expect(panel.getByTestId('decision-confirm')).toContainText('Deepfake suspected');
  await panel.getByRole('button', { name: 'Confirm decision' }).click();
  await expect(panel.getByText('Decision recorded.')).toBeVisible();
  await expect(page.getByTestId('review-status').first()).toHaveAttribute('data-decision', 'reject');
  await expect(panel.getByTestId('decision-history')).toContainText('Mouth edges smear');
  await expect(timeline.locator('[data-action="decision.recorded"]')).toContainText('deepfake_suspected');

  await page.goto('/review?status=decided');
  const row = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
  await expect(row).toHaveAttribute('data-review-status', 'decided');
  await expect(row.getByTestId('review-status')).toContainText('Rejected');
  await expect(page.getByLabel('Review status', { exact: true })).toHaveValue('decided');
});

test('the queue filters live in the URL', async ({ page }) => {
  await page.goto('/review');
  await page.getByLabel('Vendor', { exact: true }).selectOption('glair');
  await expect(page).toHaveURL(/[?&]vendor=glair/);
  await page.getByLabel('Disagreement', { exact: true }).selectOption('true');
  await expect(page).toHaveURL(/vendor=glair&disagreement=true/);
  await page.reload();
  await expect(page.getByLabel('Vendor', { exact: true })).toHaveValue('glair');
  await expect(page.getByLabel('Disagreement', { exact: true })).toHaveValue('true');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/review$/);
});

test('the dashboard draws its charts with table alternatives', async ({ page }) => {
  await page.goto('/review/dashboard');
  for (const id of [
    'chart-verdicts',
    'chart-decisions',
    'chart-latency',
    'chart-errors',
    'chart-agreement-pairs',
    'chart-agreement-reviewer',
  ]) {
    const chart = page.getByTestId(id);
    await expect(chart.getByRole('img')).toBeVisible();
    await expect(chart.locator('table')).toHaveCount(1);
  }
  await expect(page.getByTestId('chart-verdicts').locator('[data-testid="bar"] rect').first()).toBeAttached();
  await page.getByTestId('chart-latency').getByText('Show as table').click();
  await expect(page.getByTestId('chart-latency').locator('table')).toBeVisible();
});

test('searching by case id prefix finds the case', async ({ page, request }) => {
  const caseId = await postFixtureCapture(request, ['tencent']);
  await page.goto('/review');
  await page.getByLabel('Case id', { exact: true }).fill(caseId.slice(0, 8));
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${caseId.slice(0, 8)}`));
  await expect(page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`)).toBeVisible();
  await expect(page.getByTestId('case-row')).toHaveCount(1);
});
