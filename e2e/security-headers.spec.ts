/**
 * The security headers in a real browser: a page on another origin cannot frame the capture page
 * or the reviewer UI (frame-ancestors 'none', X-Frame-Options DENY), and the reviewer's case page
 * (video playback, the screening's frame strip) runs under the CSP without a violation. The capture
 * under the CSP (guidance wasm, recording, fitting workers) is covered by capture-fit.spec.ts.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { postScreenedCapture } from './api.js';
import { watchCspViolations } from './csp-watch.js';

test('a page on another origin cannot frame / or /review', async ({ page, baseURL }) => {
  const app = new URL(baseURL!).origin;
  // The framing page is served from a server of its own on this machine (another origin). A page
  // from a public origin, or one the test fulfils itself, could not reach a local address at all
  // (Chromium's local network access), which would prove nothing about our headers.
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><iframe name="capture" src="${app}/"></iframe><iframe name="review" src="${app}/review"></iframe>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.2', resolve));
  try {
    const { port } = attacker.address() as AddressInfo;
    const blocked: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors|X-Frame-Options/.test(m.text())) blocked.push(m.text());
    });
    // Both framed documents are answered by the server (with their headers) before the browser refuses them.
    const answers = ['/', '/review'].map((p) => page.waitForResponse((r) => r.url() === `${app}${p}`));
    await page.goto(`http://127.0.0.2:${port}/`);
    for (const answer of await Promise.all(answers))
      expect(answer.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

    for (const name of ['capture', 'review']) {
      const frame = page.frame({ name });
      expect(frame, name).not.toBeNull();
      // A refused frame shows the browser's error page, never the app.
      await expect.poll(() => frame!.url(), { message: name }).not.toMatch(new RegExp(`^${app}`));
    }
    expect(blocked.length).toBeGreaterThanOrEqual(2);
  } finally {
    await new Promise((resolve) => attacker.close(resolve));
  }
});

test("the reviewer's case page plays the clip and shows the frame strip without a CSP violation", async ({ page, request }) => {
  const csp = await watchCspViolations(page);
  const caseId = await postScreenedCapture(request);

  await page.goto(`/review/cases/${caseId}`);
  await expect(page.getByTestId('integrity')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const thumbs = page.getByTestId('frame-strip').locator('img');
  await thumbs.first().scrollIntoViewIfNeeded();
  await expect
    .poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  const video = page.locator('video').first();
  await video.scrollIntoViewIfNeeded();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  expect(await csp.violations()).toEqual([]);
});
