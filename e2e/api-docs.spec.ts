/**
 * The API reference page in a real browser: anyone can open /api/docs (no session), it renders the
 * generated document's operations under its own CSP (no framing) without a violation, and it
 * reaches nothing but this origin: no CDN, no validator badge.
 */
import { expect, test } from '@playwright/test';
import { watchCspViolations } from './csp-watch.js';

// Public documentation: without the admin session the other specs carry.
test.use({ storageState: { cookies: [], origins: [] } });

test('/api/docs renders the API reference from this origin only, under its CSP', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const csp = await watchCspViolations(page);
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) elsewhere.push(url);
  });
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));

  const answer = await page.goto('/api/docs');
  expect(answer?.status()).toBe(200);
  const policy = answer?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe');

  await expect(page.locator('.swagger-ui .info .title')).toContainText('Selfie screen API');
  // Operations from every area are listed, the upload among them.
  await expect(page.locator('.opblock-summary-path', { hasText: /^\/api\/captures$/ })).toBeVisible();
  await expect(page.locator('.opblock-tag')).toHaveCount(8);
  // Opening one shows its answers, read from the same document.
  await page.locator('.opblock-summary-path', { hasText: /^\/api\/captures$/ }).click();
  await expect(page.locator('.opblock.is-open .responses-table')).toContainText('rate_limited');

  expect(elsewhere).toEqual([]);
  expect(failed).toEqual([]);
  expect(await csp.violations()).toEqual([]);
});
