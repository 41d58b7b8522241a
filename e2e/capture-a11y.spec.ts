/**
 * axe-core finds no violations on any step of the capture flow, in English, Bahasa Indonesia and
 * Simplified Chinese: consent, primer, guiding, countdown / recording, playback, uploading (held
 * open by delaying the upload) and the outcome. At each step the page is checked in every language,
 * switched with the visible language switch. The recovery screens are checked in
 * capture-permission.spec.ts.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { agree, sendFromReview } from './capture-watch.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });

const LANGS = ['en', 'id', 'zh-CN'] as const;

async function expectNoViolations(page: Page, step: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const lang = await page.locator('html').getAttribute('lang');
  const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${step} (${lang})`).toEqual([]);
}

async function switchTo(page: Page, lang: string): Promise<void> {
  await page.getByTestId('language-switch').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Checks the current screen in every language, ending in English so the flow's buttons keep their names. */
async function everyLanguage(page: Page, step: string): Promise<void> {
  for (const lang of [...LANGS.slice(1), 'en']) {
    await switchTo(page, lang);
    await expectNoViolations(page, step);
  }
}

test('consent, primer, guiding, countdown and recording pass axe in en, id and zh-CN', async ({ page }) => {
  test.setTimeout(120_000);
  const capture = page.getByTestId('capture');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await expect(page.getByTestId('consent')).toBeVisible();
  await everyLanguage(page, 'consent');
  await agree(page);

  await expect(capture).toHaveAttribute('data-state', 'idle');
  await everyLanguage(page, 'primer');
  // Issue 15: the language switch is not on screen while the camera runs, so the camera screens are
  // checked in the language chosen before it starts (all three languages: capture-mobile-guiding.spec.ts).
  await switchTo(page, 'id');
  await page.getByRole('button', { name: 'Nyalakan kamera' }).click();

  await expect(page.getByTestId('hint')).not.toHaveAttribute('data-hint', 'loading', { timeout: 45_000 });
  await expectNoViolations(page, 'guiding');
  // (axe's work slows this recording down; it is not sent: the next test records undisturbed.)
  await expect(capture).toHaveAttribute('data-state', /countdown|recording/, { timeout: 30_000 });
  await expectNoViolations(page, 'countdown / recording');
});

test('playback, uploading and the outcome pass axe in en, id and zh-CN', async ({ page }) => {
  test.setTimeout(150_000);
  // Hold the upload for a few seconds so the uploading screen can be checked.
  await page.route('**/api/captures', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await new Promise((r) => setTimeout(r, 6000));
    await route.continue();
  });
  const capture = page.getByTestId('capture');
  await page.goto('/');
  await agree(page);
  await page.getByRole('button', { name: 'Start camera' }).click();

  await expect(page.getByTestId('playback')).toBeVisible({ timeout: 90_000 });
  await everyLanguage(page, 'playback');
  await sendFromReview(page);

  await expect(capture).toHaveAttribute('data-state', 'uploading');
  await everyLanguage(page, 'uploading');

  await expect(page.getByTestId('outcome')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await everyLanguage(page, 'outcome');
});

test('?lang= picks the language, the switch remembers the choice, <html lang> follows', async ({ page }) => {
  await page.goto('/?lang=zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '我同意', exact: true })).toBeVisible();
  await switchTo(page, 'id');
  await expect(page.getByRole('button', { name: 'Saya setuju', exact: true })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('lang')).toBe('id');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sebelum kita mulai');
});
