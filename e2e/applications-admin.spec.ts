/**
 * Admin UI smoke for integrations: create an application, an API key and a webhook endpoint; the
 * key and the signing secret are shown once (and work), and are gone after a reload.
 */
import { expect, test } from '@playwright/test';
import type { CreateSessionResponse } from '@contract/api';
import { Webhook } from 'standardwebhooks';

test('an admin creates an application, a key (shown once) and a webhook (secret shown once)', async ({ page, request }) => {
  const name = `Onboarding UI ${Date.now()}`;
  await page.goto('/review/admin/applications');
  await expect(page.getByRole('heading', { level: 1, name: 'Applications' })).toBeVisible();

  await page.getByRole('button', { name: 'New application' }).click();
  const form = page.getByRole('form', { name: 'New application' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('group', { name: 'Allowed providers' }).getByLabel('tencent', { exact: true }).check();
  await form
    .getByRole('group', { name: /^Default providers/ })
    .getByLabel('tencent', { exact: true })
    .check();
  await form.getByLabel(/^Return-URL origins/).fill('https://app.example');
  await form.getByLabel(/^Embedding origins/).fill('https://app.example');
  await form.getByRole('button', { name: 'Create application' }).click();

  const card = page.getByTestId('application').filter({ has: page.getByRole('heading', { name }) });
  await expect(card).toBeVisible();
  await expect(card).toContainText('https://app.example');

  // A key: shown once, and it works against /api/v1.
  await card.getByRole('button', { name: 'Create key' }).click();
  const keys = card.getByRole('region', { name: `API keys of ${name}` });
  await expect(keys.getByTestId('secret-once')).toContainText('You will not see it again');
  const key = await keys.getByTestId('secret-value').inputValue();
  expect(key.length).toBeGreaterThan(20);
  await expect(keys.getByTestId('key-row')).toHaveCount(1);
  await expect(keys.getByTestId('key-row')).toContainText('last used never');
  const made = await request.post('/api/v1/sessions', {
    headers: { authorization: `Bearer ${key}` },
    data: { reference: 'applicant-ui-smoke' },
  });
  expect(made.status(), await made.text()).toBe(201);
  expect(((await made.json()) as CreateSessionResponse).url).toMatch(/\/s\/[^/]+$/);

  // A webhook: its signing secret shown once, in Standard Webhooks form.
  const hooks = card.getByRole('region', { name: `Webhooks of ${name}` });
  await hooks.getByLabel('Webhook URL').fill('https://hooks.example.com/selfie');
  await hooks.getByRole('button', { name: 'Add webhook' }).click();
  await expect(hooks.getByTestId('secret-once')).toContainText('You will not see it again');
  const secret = await hooks.getByTestId('secret-value').inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
  expect(() => new Webhook(secret)).not.toThrow();
  await expect(hooks.getByTestId('webhook-row')).toContainText('https://hooks.example.com/selfie');

  // After a reload neither the key nor the secret is anywhere on the page.
  await page.reload();
  await expect(card.getByTestId('key-row')).toHaveCount(1);
  await expect(card.getByTestId('key-row')).toContainText(/last used (?!never)/);
  await expect(card.getByTestId('webhook-row')).toHaveCount(1);
  await expect(card.getByTestId('secret-once')).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain(key);
  expect(html).not.toContain(secret);
});
