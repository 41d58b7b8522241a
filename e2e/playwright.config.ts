import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { ADMIN_STORAGE_STATE, E2E_ADMIN } from './api.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Override with E2E_PORT to run two checkouts' suites side by side. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 8091);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // Two cores: the server, MediaPipe and the recorder already compete; run files one at a time.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  globalSetup: './global-setup.ts',
  reporter: [['list'], ['json', { outputFile: path.join(root, '.cache/playwright.json') }]],
  outputDir: path.join(root, '.cache/test-results'),
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium' },
    // Signed in as the e2e admin (global setup), so pages and `request` reach reviewer routes.
    storageState: ADMIN_STORAGE_STATE,
  },
  webServer: {
    command: `rm -rf .cache/e2e-data && npx tsx server/main.ts`,
    cwd: root,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DATA_DIR: '.cache/e2e-data',
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      // The specs steer the simulators (review-disagreement) and submit many captures from one address.
      SIMULATOR_CONTROL: 'open',
      RATE_LIMIT_CAPTURES_PER_MINUTE: '1000',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      RATE_LIMIT_STATUS_PER_MINUTE: '10000',
      RATE_LIMIT_READS_PER_MINUTE: '10000',
      // The session specs' webhook receiver listens on 127.0.0.1 over plain http.
      WEBHOOK_ALLOW_PRIVATE: 'on',
    },
  },
});
