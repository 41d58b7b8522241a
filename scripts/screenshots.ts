/**
 * `npm run screenshots`: the README's pictures (docs/screenshots/*.png) from the built app. Starts the server on
 * its defaults (simulated vendors) with a throwaway data directory, records a capture on a 390×844 phone with
 * Chromium's fake camera playing the test clip, seeds the demo cases (the admin's demo panel, issue 15 item 12),
 * and shoots the queue, a case and the dashboard at 1366×768 (the queue once more in the dark theme).
 * Not part of `npm test`. Needs `npm run build` first (it builds when dist/ is missing) and ../shared (the clip).
 * PORT (default 8231) picks the server's port.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from '../e2e/camera.js';
import { makeCameraClips } from '../e2e/global-setup.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs', 'screenshots');
const dataDir = path.join(root, '.cache', 'screenshots-data');
const port = Number(process.env.PORT ?? 8231);
const baseURL = `http://127.0.0.1:${port}`;
const admin = { email: 'admin@screenshots.test', password: 'screenshots-admin-pw-1' };
/** README pictures stay small: a shot over this is reported (and kept). */
const MAX_BYTES = 80 * 1024;

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 };

async function waitForHealth(): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server did not come up on ${baseURL}`);
}

function startServer() {
  rmSync(dataDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
  };
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** To a 128-colour palette PNG (ffmpeg, which the e2e setup already needs): a third of the size, text stays crisp. */
function shrink(file: string): void {
  const tmp = `${file}.tmp.png`;
  const filter = 'split[a][b];[a]palettegen=max_colors=128:stats_mode=full[p];[b][p]paletteuse=dither=none';
  const run = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-vf', filter, tmp], { stdio: 'inherit' });
  if (run.status === 0) renameSync(tmp, file);
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  shrink(file);
  const size = statSync(file).size;
  console.log(`${name}.png ${Math.round(size / 1024)} kB${size > MAX_BYTES ? ' (over 80 kB)' : ''}`);
}

async function captureSteps(browser: Browser): Promise<void> {
  const page = await browser.newPage({ ...PHONE, baseURL });
  const capture = page.getByTestId('capture');
  await page.goto('/?lang=en');
  await expect(page.getByTestId('consent')).toBeVisible();
  await shoot(page, 'capture-1-consent');
  await page.getByRole('button', { name: 'I agree', exact: true }).click();
  await expect(capture).toHaveAttribute('data-state', 'idle');
  await shoot(page, 'capture-2-camera-primer');
  await page.getByRole('button', { name: 'Start camera' }).click();
  await expect(page.getByTestId('hint')).not.toHaveAttribute('data-hint', 'loading', { timeout: 60_000 });
  await shoot(page, 'capture-3-guiding');
  await expect(page.getByTestId('recording-badge')).toBeVisible({ timeout: 60_000 });
  await shoot(page, 'capture-4-recording');
  await expect(page.getByTestId('playback')).toBeVisible({ timeout: 90_000 });
  await shoot(page, 'capture-5-check');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(capture).toHaveAttribute('data-state', /processing|done/, { timeout: 60_000 });
  await expect(capture).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await shoot(page, 'capture-6-outcome');
  await page.close();
}

async function reviewPages(browser: Browser): Promise<void> {
  const context = await browser.newContext({ ...DESKTOP, baseURL, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto('/review/login?lang=en');
  await page.locator('input[name="email"]').fill(admin.email);
  await page.locator('input[name="password"]').fill(admin.password);
  await page.locator('button[type="submit"]').click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  // The case recorded above (so the player and the frame strip have pictures): the only one before the demo cases.
  await expect(page.getByTestId('case-row')).toHaveCount(1);
  const recorded = await page.getByTestId('case-row').getAttribute('data-case-id');
  // The demo panel's one click: a month of realistic cases.
  await page.goto('/review/admin/demo');
  await page.getByRole('button', { name: 'Add demo cases' }).click();
  await expect(page.getByTestId('demo-seeded-count')).toContainText('demo cases');

  await page.goto('/review?sort=risk_desc');
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  await shoot(page, 'review-queue');

  await page.goto(`/review/cases/${recorded}`);
  await expect(page.getByTestId('check-card').first()).toBeVisible();
  await expect(page.getByTestId('frame-strip')).toBeVisible({ timeout: 60_000 });
  await shoot(page, 'review-case');

  await page.goto('/review/dashboard');
  await expect(page.getByTestId('chart-verdicts')).toBeVisible();
  await shoot(page, 'review-dashboard');

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/review?sort=risk_desc');
  await expect(page.getByTestId('case-row').first()).toBeVisible();
  await shoot(page, 'review-queue-dark');
  await context.close();
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'dist', 'index.html')))
    spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  makeCameraClips();
  mkdirSync(outDir, { recursive: true });
  const server = startServer();
  try {
    await waitForHealth();
    // Chromium names the fake camera after the file as given: a bare file name, not this machine's path.
    process.chdir(path.dirname(cameraClips.face.y4m));
    const browser = await chromium.launch(fakeCameraLaunch(path.basename(cameraClips.face.y4m)));
    try {
      await captureSteps(browser);
      await reviewPages(browser);
    } finally {
      await browser.close();
    }
  } finally {
    server.kill('SIGTERM');
  }
}

await main();
