/**
 * Admin-only parts of review: users (and unlocking a throttled sign-in), re-run on another vendor,
 * deleting a case; reviewers see none of it.
 */
import { expect, test } from '@playwright/test';
import { SIGNED_OUT, csrfHeaders, postFixtureCapture } from './api.js';

test('an admin adds a reviewer, who can review but not administer', async ({ page, browser, request }) => {
  const email = `reviewer-${Date.now()}@e2e.test`;
  const password = 'reviewer-password-1';
  await page.goto('/review/admin/users');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Initial password').fill(password);
  await page.getByLabel('Role', { exact: true }).selectOption('reviewer');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByTestId('user-row').filter({ hasText: email })).toContainText('reviewer');

  const caseId = await postFixtureCapture(request, ['tencent']);
  const reviewer = await browser.newContext({ storageState: SIGNED_OUT });
  try {
    const rp = await reviewer.newPage();
    await rp.goto(`/review/cases/${caseId}`);
    await rp.getByLabel('Email').fill(email);
    await rp.getByLabel('Password').fill(password);
    await rp.getByRole('button', { name: 'Sign in' }).click();
    await expect(rp).toHaveURL(new RegExp(`/review/cases/${caseId}$`));
    await expect(rp.getByTestId('check-card').first()).toBeVisible();
    await expect(rp.getByText('Delete case (admin)')).toHaveCount(0);
    await expect(rp.getByRole('link', { name: 'Users' })).toHaveCount(0);
    await rp.goto('/review/admin/users');
    await expect(rp.getByText('Only an admin can manage users.')).toBeVisible();
  } finally {
    await reviewer.close();
  }
});

test('an admin sees an account whose sign-in is throttled and unlocks it', async ({ page, browser, request }) => {
  const email = `throttled-${Date.now()}@e2e.test`;
  const password = 'throttled-password-1';
  const created = await request.post('/api/admin/users', {
    data: { email, password, role: 'reviewer' },
    headers: await csrfHeaders(request),
  });
  expect(created.status()).toBe(201);
  const guesser = await browser.newContext({ storageState: SIGNED_OUT });
  try {
    const login = (pw: string) => guesser.request.post('/api/auth/login', { data: { email, password: pw } });
    for (let i = 0; i < 5; i++) expect((await login(`wrong-${i}`)).status()).toBe(401);
    expect((await login(password)).status()).toBe(429);

    await page.goto('/review/admin/users');
    const row = page.getByTestId('user-row').filter({ hasText: email });
    await expect(row.getByTestId('sign-in-delay')).toContainText(/Delayed until .+ for 1 address/);
    await row.getByRole('button', { name: `Unlock sign-in for ${email}` }).click();
    await expect(row.getByRole('status')).toHaveText('Unlocked');
    expect((await login(password)).status()).toBe(200);
  } finally {
    await guesser.close();
  }
});

test('an admin re-runs a case on another vendor, then deletes it with a typed confirmation', async ({ page, request }) => {
  const caseId = await postFixtureCapture(request, ['tencent']);
  await page.goto(`/review/cases/${caseId}`);
  await expect(page.locator('[data-testid="check-card"][data-provider="tencent"]')).toBeVisible();

  await page.getByLabel('Vendor', { exact: true }).selectOption('finauth');
  await page.getByRole('button', { name: 'Re-run' }).click();
  await expect(page.getByText(/Sent to .+; its result appears with the others\./)).toBeVisible();
  await expect(page.locator('[data-testid="check-card"][data-provider="finauth"]')).toBeVisible();
  await expect(page.getByTestId('timeline').locator('[data-action="check.rerun_requested"]')).toBeVisible();

  await page.getByText('Delete case (admin)').click();
  const remove = page.getByRole('button', { name: 'Delete case' });
  await expect(remove).toBeDisabled();
  await page.getByLabel('Case id to confirm').fill('wrong');
  await expect(remove).toBeDisabled();
  await page.getByLabel('Case id to confirm').fill(caseId.slice(0, 8));
  await remove.click();
  await expect(page).toHaveURL(/\/review$/);
  expect((await request.get(`/api/cases/${caseId}`)).status()).toBe(404);
});
