/** Helpers for the capture specs on a 390×844 touch phone (capture-mobile*.spec.ts). */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
export const LANGS = ['en', 'id', 'zh-CN'] as const;
/** Small tolerance: anti-aliasing and the system font's hinting, not layout. */
export const SHOT = { maxDiffPixelRatio: 0.01, animations: 'disabled', caret: 'hide' } as const;
/**
 * A screenshot with the moving video blanked (the camera fills the screen, so a mask would hide its
 * overlays too). Set through the CSSOM: the page's CSP refuses injected style sheets (and `stylePath`).
 */
export async function expectScreenshotWithoutVideo(page: Page, name: string): Promise<void> {
  const setVisibility = (value: string) =>
    page.evaluate((v) => document.querySelectorAll('video').forEach((el) => (el.style.visibility = v)), value);
  await setVisibility('hidden');
  await expect(page).toHaveScreenshot(name, SHOT);
  await setVisibility('');
}

export async function expectNoViolations(page: Page, step: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const lang = await page.locator('html').getAttribute('lang');
  const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${step} (${lang})`).toEqual([]);
}

/** No visible element reaches past the screen's edges, and the page does not scroll sideways. */
export async function expectFitsScreen(page: Page, step: string): Promise<void> {
  const offenders = await page.evaluate(() => {
    const width = window.innerWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.closest('.sr-only, svg, [aria-hidden="true"]'))
        continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.left < -1 || r.right > width + 1) out.push(`${el.tagName.toLowerCase()}.${el.className} [${r.left}, ${r.right}]`);
    }
    if (document.documentElement.scrollWidth > width) out.push(`page scrollWidth ${document.documentElement.scrollWidth}`);
    return out;
  });
  expect(offenders, `overflowing elements on ${step}`).toEqual([]);
}

export async function agree(page: Page): Promise<void> {
  await page.getByTestId('consent').getByRole('button').first().click();
  await expect(page.getByTestId('capture')).toHaveAttribute('data-state', 'idle');
}

/** Each provider name and its mode on one line, not cut off. */
export async function expectProviderNamesOnOneLine(page: Page): Promise<void> {
  const names = page.getByTestId('provider-name');
  await expect(names.first()).toBeVisible();
  const bad = await names.evaluateAll((els) =>
    els
      .map((el) => {
        const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
        const mode = el.nextElementSibling as HTMLElement;
        const wrapped = el.getBoundingClientRect().height > lineHeight * 1.5;
        const cut = el.scrollWidth > el.clientWidth;
        const modeWrapped = mode.getBoundingClientRect().height > parseFloat(getComputedStyle(mode).lineHeight) * 1.5;
        return wrapped || cut || modeWrapped ? `${el.textContent} (${mode.textContent})` : null;
      })
      .filter((x) => x !== null),
  );
  expect(bad).toEqual([]);
}

/** While the camera is live, the stage fills the screen and nothing else is offered. */
export async function expectFullScreenCamera(page: Page): Promise<void> {
  const box = await page.getByTestId('camera-stage').boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
  await expect(page.getByTestId('language-switch')).toHaveCount(0);
  await expect(page.locator('input[name="providers"]')).toHaveCount(0);
  await expect(page.getByTestId('steps')).toHaveCount(0);
  // The detector's face boxes are a developer's tool (`?debug=1`).
  await expect(page.getByTestId('debug-boxes')).toHaveCount(0);
}
