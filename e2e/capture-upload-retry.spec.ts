/**
 * Upload on a bad connection: failed sends are retried with back-off (the progress UI says so),
 * then the error screen's "Try again" re-sends the very same fitted files: nothing recorded is lost.
 * Every attempt carries the same Idempotency-Key.
 */
import { expect, test } from '@playwright/test';
import type { CaseDetail } from '@contract/api';
import { caseIds } from './api.js';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { agree, sendFromReview } from './capture-watch.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.face.y4m) });

test('network failures and 5xx are retried, then Try again re-sends the same files', async ({ page, request }) => {
  test.setTimeout(150_000);
  const before = await caseIds(request);
  const bodies: number[] = [];
  const keys: Array<string | undefined> = [];
  let failing = true;
  let attempt = 0;
  await page.route('**/api/captures', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    bodies.push(route.request().postDataBuffer()?.length ?? 0);
    keys.push((await route.request().allHeaders())['idempotency-key']);
    if (!failing) return route.continue();
    // Alternate a dropped connection and a gateway error: both are worth retrying.
    attempt++;
    if (attempt % 2 === 1) return route.abort('connectionreset');
    return route.fulfill({ status: 503, contentType: 'application/json', body: '{"code":"unavailable","message":"Try later."}' });
  });

  await page.goto('/');
  await agree(page);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await sendFromReview(page);

  const retrying = page.getByTestId('upload-retrying');
  await expect(retrying).toContainText(/Trying again \(attempt [234] of 4\)/, { timeout: 15_000 });
  const outcome = page.getByTestId('outcome');
  await expect(outcome).toHaveAttribute('data-kind', 'upload_failed', { timeout: 30_000 });
  expect(bodies).toHaveLength(4);
  expect(await caseIds(request)).toEqual(before);

  failing = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(outcome).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  // Every attempt sent the same body (same files, same meta apart from nothing): the size proves it.
  expect(bodies).toHaveLength(5);
  expect(new Set(bodies).size).toBe(1);
  // ...and the same Idempotency-Key, so a send the server stored but never answered is not a second case.
  expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
  expect(new Set(keys)).toEqual(new Set([keys[0]]));
  const newIds = (await caseIds(request)).filter((id) => !before.includes(id));
  expect(newIds).toHaveLength(1);
  const detail = (await (await request.get(`/api/cases/${newIds[0]}`)).json()) as CaseDetail;
  expect(detail.media.length).toBeGreaterThan(0);
});
