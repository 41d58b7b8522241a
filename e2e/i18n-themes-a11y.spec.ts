/**
 * Issue 15 item 11: axe-core finds no violations on every reviewer page and the capture's pre-camera screens, in
 * English, Bahasa Indonesia and Simplified Chinese, in the light and the dark theme (the review area follows
 * `prefers-color-scheme`). One table of pages; each test opens its page once per language (`?lang=`), waits
 * until that language's strings are on screen, and checks it in both schemes (switched in place: CSS only). The capture's camera screens are checked in all three languages
 * in capture-a11y.spec.ts (the capture keeps one look in both schemes).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SIGNED_OUT, csrfHeaders, postFixtureCapture } from './api.js';

const LANGS = ['en', 'id', 'zh-CN'] as const;
const SCHEMES = ['light', 'dark'] as const;

interface PageCase {
  name: string;
  path: (caseId: string) => string;
  /** Something that shows the page has its data; the language is checked apart. */
  ready: (page: Page) => Promise<void>;
  signedOut?: boolean;
  /** After `ready`: bring up what else is to be checked (an overlay). */
  open?: (page: Page) => Promise<void>;
  capture?: boolean;
}

const PAGES: PageCase[] = [
  { name: 'capture consent', path: () => '/', capture: true, ready: (p) => expect(p.getByTestId('consent')).toBeVisible() },
  {
    name: 'capture primer',
    path: () => '/',
    capture: true,
    ready: async (p) => {
      await p.getByTestId('consent').getByRole('button').first().click();
      await expect(p.getByTestId('capture')).toHaveAttribute('data-state', 'idle');
    },
  },
  {
    name: 'login',
    path: () => '/review/login',
    signedOut: true,
    ready: (p) => expect(p.locator('input[name="password"]')).toBeVisible(),
  },
  { name: 'queue', path: () => '/review', ready: (p) => expect(p.getByTestId('case-row').first()).toBeVisible() },
  {
    name: 'case',
    path: (id) => `/review/cases/${id}`,
    ready: async (p) => {
      await expect(p.getByTestId('check-card').first()).toBeVisible();
      await expect(p.getByTestId('timeline-event').first()).toBeVisible();
    },
  },
  {
    name: 'shortcuts overlay',
    path: (id) => `/review/cases/${id}`,
    ready: (p) => expect(p.getByTestId('check-card').first()).toBeVisible(),
    open: async (p) => {
      await p.keyboard.press('?');
      await expect(p.getByTestId('shortcuts-overlay')).toBeVisible();
    },
  },
  { name: 'dashboard', path: () => '/review/dashboard', ready: (p) => expect(p.getByTestId('chart-verdicts')).toBeVisible() },
  {
    name: 'account',
    path: () => '/review/account',
    ready: (p) => expect(p.locator('input[type="password"]').first()).toBeVisible(),
  },
  { name: 'users', path: () => '/review/admin/users', ready: (p) => expect(p.getByTestId('user-row').first()).toBeVisible() },
  {
    name: 'applications',
    path: () => '/review/admin/applications',
    ready: (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible(),
  },
  { name: 'demo panel', path: () => '/review/admin/demo', ready: (p) => expect(p.getByTestId('demo-steer')).toBeVisible() },
];

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, what).toEqual([]);
}

let caseId = '';

test.beforeAll(async ({ request }) => {
  caseId = await postFixtureCapture(request, ['tencent', 'glair']);
  // A month of demo cases fills the queue and the dashboard with every kind of row and bar.
  const seeded = await request.post('/api/admin/demo/seed', { headers: await csrfHeaders(request) });
  expect(seeded.ok(), await seeded.text()).toBe(true);
});

test.afterAll(async ({ request }) => {
  await request.delete('/api/admin/demo/seed', { headers: await csrfHeaders(request) });
});

for (const pageCase of PAGES) {
  test.describe(() => {
    if (pageCase.signedOut) test.use({ storageState: SIGNED_OUT });
    test(`${pageCase.name} passes axe in en, id and zh-CN, light and dark`, async ({ page }) => {
      test.setTimeout(150_000);
      for (const lang of LANGS) {
        await page.emulateMedia({ colorScheme: SCHEMES[0] });
        const path = pageCase.path(caseId);
        await page.goto(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        if (!pageCase.capture) await expect(page.locator(`[data-review-locale="${lang}"]`)).toBeAttached();
        await pageCase.ready(page);
        await pageCase.open?.(page);
        // The theme follows the system's scheme through CSS alone: switched in place, once the colour transitions end.
        for (const scheme of SCHEMES) {
          await page.emulateMedia({ colorScheme: scheme });
          await page.evaluate(() => {
            const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition && a.playState === 'running');
            // Bounded: a transition whose element leaves the page never finishes.
            return Promise.race([
              Promise.allSettled(transitions.map((a) => a.finished)),
              new Promise((r) => setTimeout(r, 2000)),
            ]);
          });
          await expectNoViolations(page, `${pageCase.name} (${lang}, ${scheme})`);
        }
      }
    });
  });
}

test('the review area follows the system theme and the language switch', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/review');
  const background = () => page.locator('.theme-follows-system').evaluate((el) => getComputedStyle(el).backgroundColor);
  const dark = await background();
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).not.toBe(dark);
  expect(await background()).toBe('rgb(255, 255, 255)');

  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '审核队列', level: 1 })).toBeVisible();
  await page.getByTestId('language-switch').selectOption('id');
  await expect(page.getByRole('heading', { name: 'Antrean tinjauan', level: 1 })).toBeVisible();
  await page.getByTestId('language-switch').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Review queue', level: 1 })).toBeVisible();
});
