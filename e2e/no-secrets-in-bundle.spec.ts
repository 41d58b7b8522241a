/**
 * The built front end never carries a vendor secret, even when the build runs with every
 * vendor's credentials in its environment.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { KNOWN_SECRETS, SECRET_VALUES } from '../server/test-support/vendor-sims.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('a build made with every vendor secret in its environment contains none of them', () => {
  test.setTimeout(180_000);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'dist-secrets-'));
  try {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], {
      cwd: root,
      env: { ...process.env, ...KNOWN_SECRETS },
      stdio: 'pipe',
    });
    const files = filesUnder(outDir).filter((f) => !f.endsWith('.wasm') && !f.endsWith('.tflite'));
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const text = readFileSync(file, 'latin1');
      for (const secret of SECRET_VALUES) expect(text, `${path.basename(file)} leaks a secret`).not.toContain(secret);
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
});
