/**
 * Account administration end to end: an admin disables an account (its open session ends and
 * sign-in is refused), resets a password (the temporary one must be changed first), and a user
 * turns on two-factor sign-in and signs in with a code.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { totpCode } from '../server/auth/totp.js';
import { SIGNED_OUT, csrfHeaders } from './api.js';

async function newAccount(request: Parameters<typeof csrfHeaders>[0], label: string) {
  const email = `${label}-${Date.now()}@e2e.test`;
  const password = `${label}-password-1`;
  const created = await request.post('/api/admin/users', {
    data: { email, password, role: 'reviewer' },
    headers: await csrfHeaders(request),
  });
  expect(created.status()).toBe(201);
  return { email, password };
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/review/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signedOutPage(browser: Browser) {
  const context = await browser.newContext({ storageState: SIGNED_OUT });
  return { context, page: await context.newPage() };
}

test('an admin disables an account: its session ends and sign-in is refused; enabling lets it back in', async ({
  page,
  browser,
  request,
}) => {
  const { email, password } = await newAccount(request, 'disabled');
  const user = await signedOutPage(browser);
  try {
    await signIn(user.page, email, password);
    await expect(user.page).toHaveURL(/\/review$/);

    await page.goto('/review/admin/users');
    const row = page.getByTestId('user-row').filter({ hasText: email });
    await row.getByRole('button', { name: `Disable ${email}` }).click();
    await expect(row.getByTestId('user-status')).toHaveText('Disabled');

    await user.page.goto('/review/dashboard');
    await expect(user.page).toHaveURL(/\/review\/login/);
    await signIn(user.page, email, password);
    await expect(user.page.getByTestId('login-error')).toHaveText('This account is disabled. Ask an administrator to enable it.');

    await row.getByRole('button', { name: `Enable ${email}` }).click();
    await expect(row.getByTestId('user-status')).toHaveText('Active');
    await user.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(user.page).toHaveURL(/\/review$/);
  } finally {
    await user.context.close();
  }
});

test('an admin resets a password: the user signs in with the temporary one and must choose a new one first', async ({
  page,
  browser,
  request,
}) => {
  const { email } = await newAccount(request, 'reset');
  await page.goto('/review/admin/users');
  const row = page.getByTestId('user-row').filter({ hasText: email });
  await row.getByRole('button', { name: `Reset password: ${email}` }).click();
  await row.getByRole('button', { name: 'Give a temporary password' }).click();
  const temporary = (await row.getByTestId('temporary-password').locator('code').textContent())!;
  expect(temporary.length).toBeGreaterThanOrEqual(20);

  const user = await signedOutPage(browser);
  try {
    await signIn(user.page, email, temporary);
    await expect(user.page).toHaveURL(/\/review\/account$/);
    await expect(user.page.getByTestId('account-pending')).toHaveAttribute('data-pending', 'password_change');
    // Nothing else opens until the password is changed.
    await user.page.goto('/review/dashboard');
    await expect(user.page).toHaveURL(/\/review\/account$/);
    await user.page.getByLabel('Current password').fill(temporary);
    await user.page.getByLabel('New password (at least 12 characters)').fill('my-chosen-password-1');
    await user.page.getByLabel('New password again').fill('my-chosen-password-1');
    await user.page.getByRole('button', { name: 'Change password' }).click();
    await expect(user.page.getByText('Password changed.', { exact: false })).toBeVisible();
    await expect(user.page.getByTestId('account-pending')).toHaveCount(0);
    await user.page.getByRole('link', { name: 'Queue' }).click();
    await expect(user.page).toHaveURL(/\/review$/);
  } finally {
    await user.context.close();
  }
});

test('a user turns on two-factor sign-in and then signs in with a code from the app', async ({ browser, request }) => {
  const { email, password } = await newAccount(request, 'totp');
  const user = await signedOutPage(browser);
  try {
    await signIn(user.page, email, password);
    await expect(user.page).toHaveURL(/\/review$/);
    await user.page.getByRole('link', { name: 'Account' }).click();
    await user.page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await expect(user.page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
    const secret = (await user.page.getByTestId('totp-secret').textContent())!;
    const setupStep = Math.floor(Date.now() / 30_000);
    await user.page.getByLabel('Code from the app').fill(totpCode(secret, new Date()));
    await user.page.getByRole('button', { name: 'Turn on' }).click();
    await expect(user.page.getByTestId('totp-panel')).toHaveAttribute('data-enabled', 'true');

    await user.page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(user.page, email, password);
    await expect(user.page.getByTestId('login-error')).toHaveText('Enter the 6-digit code from your authenticator app.');
    // The setup used its step's code, which works once: a later step's (within one step of the server's clock).
    const step = Math.max(Math.floor(Date.now() / 30_000), setupStep + 1);
    await user.page.getByLabel('Code from your authenticator app').fill(totpCode(secret, new Date(step * 30_000)));
    await user.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(user.page).toHaveURL(/\/review$/);
  } finally {
    await user.context.close();
  }
});

test('the users and account pages have no axe violations', async ({ page }) => {
  const violations = async () =>
    (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  await page.goto('/review/admin/users');
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  expect(await violations()).toEqual([]);
  await page.goto('/review/account');
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(page.getByTestId('totp-secret')).toBeVisible();
  expect(await violations()).toEqual([]);
});
