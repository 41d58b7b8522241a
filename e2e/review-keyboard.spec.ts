/**
 * Deciding a case with the keyboard only at 1366×768: the decision bar is on screen without scrolling, all ten
 * sampled frames sit in one row, the `?` overlay lists the shortcuts, [ and ] step through the frames, R picks
 * Reject and moves to the reason, and "Record and take next" decides and opens the next case.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { CaseDetail } from '@contract/api';
import { postFixtureCapture, postScreenedCapture } from './api.js';

test.use({ viewport: { width: 1366, height: 768 } });

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a reviewer decides a case with the keyboard alone and moves on to the next', async ({ page, request }) => {
  await postFixtureCapture(request, ['tencent']);
  const caseId = await postScreenedCapture(request, 'OBS Virtual Camera');

  await page.goto(`/review/cases/${caseId}`);
  await expect(page.getByTestId('integrity')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const firstThumb = page.getByTestId('frame-strip').locator('img').first();
  await expect.poll(() => firstThumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // Opening the case and its media is one "viewing" line in the timeline (after a reload reads the trail again).
  await page.reload();
  const viewing = page.getByTestId('timeline').locator('[data-kind="viewing"]').first();
  await expect(viewing).toContainText(/Viewed the case and media \(\d+ files?\)/);
  await expect(viewing).toContainText('by admin@e2e.test');
  await expect(page.getByTestId('timeline').locator('[data-action="media.viewed"]:not([data-kind])')).toHaveCount(0);

  // The decision bar is in view at the top of the page: no scrolling to decide.
  const bar = page.getByTestId('decision-panel');
  const barBox = await bar.boundingBox();
  expect(barBox!.y + barBox!.height).toBeLessThanOrEqual(768);
  expect(barBox!.y).toBeLessThan(768);

  // All ten sampled frames in one row, inside the window.
  const thumbs = page.getByTestId('frame-strip').locator('li');
  await expect(thumbs).toHaveCount(10);
  const boxes = await thumbs.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.top, r.right]));
  expect(new Set(boxes.map(([top]) => Math.round(top!))).size).toBe(1);
  expect(Math.max(...boxes.map(([, right]) => right!))).toBeLessThanOrEqual(1366);

  // The shortcut overlay.
  await page.keyboard.press('?');
  const overlay = page.getByTestId('shortcuts-overlay');
  await expect(overlay.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(overlay).toContainText('Take the next case');
  await expectNoViolations(page);
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();

  // [ and ] step through the sampled frames.
  const selected = page.getByTestId('frame-selected');
  await expect(selected).toHaveAttribute('data-index', '0');
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect(selected).toHaveAttribute('data-index', '2');
  await page.keyboard.press('[');
  await expect(selected).toHaveAttribute('data-index', '1');

  // K plays and pauses the video.
  const video = page.locator('video').first();
  await page.keyboard.press('k');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(false);
  await page.keyboard.press('k');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  await video.evaluate((v: HTMLVideoElement) => {
    v.currentTime = 0;
  });

  // , and . step the video; the read-out follows.
  const readout = page.getByTestId('frame-readout');
  await expect(readout).toContainText(/^frame 1 \//);
  await page.keyboard.press('.');
  await expect(readout).toContainText(/^frame 2 \//);

  // The telemetry speaks plainly; the engineering numbers are folded away.
  await expect(page.getByTestId('capture-facts')).toContainText('OBS Virtual Camera');
  await expect(page.getByTestId('engineering-details')).not.toHaveAttribute('open', '');
  await expectNoViolations(page);

  // R: Reject, and focus moves to the reason; arrows pick one; Tab to the note, then to "Record and take next".
  await page.keyboard.press('r');
  await expect(bar.getByLabel(/^Reject/)).toBeChecked();
  const reason = bar.getByLabel('Reason');
  await expect(reason).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(reason).toHaveValue('deepfake_suspected');
  await page.keyboard.press('Tab');
  await expect(bar.getByLabel('Note (optional)')).toBeFocused();
  await page.keyboard.type('Virtual camera; decided by keyboard.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const andNext = bar.getByRole('button', { name: 'Record and take next' });
  await expect(andNext).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(bar.getByTestId('decision-confirm')).toContainText('then open the next case');
  await expect(bar.getByRole('button', { name: 'Confirm and take next' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page).not.toHaveURL(new RegExp(`/review/cases/${caseId}$`));
  await expect(page).toHaveURL(/\/review\/cases\/[^/]+$/);
  const decided = (await (await request.get(`/api/cases/${caseId}`)).json()) as CaseDetail;
  expect(decided).toMatchObject({ reviewStatus: 'decided', decision: 'reject' });
  expect(decided.decisions?.at(-1)).toMatchObject({
    reasonCode: 'deepfake_suspected',
    note: 'Virtual camera; decided by keyboard.',
  });

  // N on a case you now hold hands it back: decide it first.
  const nextUrl = page.url();
  await page.getByTestId('check-card').first().waitFor();
  await page.keyboard.press('n');
  await expect(page.getByText('This is still your case: decide it before taking the next one.')).toBeVisible();
  expect(page.url()).toBe(nextUrl);
});
