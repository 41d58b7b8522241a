/**
 * Runs once after the e2e server is up: turns the shared test clips into the fake camera's .y4m
 * files (cached), and signs in as the e2e admin so every spec's page and `request` carry its
 * session (storageState in the config).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { request, type FullConfig } from '@playwright/test';
import { ADMIN_STORAGE_STATE, E2E_ADMIN } from './api.js';
import { cameraClips, sharedFixture } from './camera.js';

export function makeCameraClips(): void {
  for (const clip of Object.values(cameraClips)) {
    if (existsSync(clip.y4m)) continue;
    const source = sharedFixture(clip.source);
    if (!existsSync(source)) throw new Error(`Missing test clip ${source}: is ../shared beside the repository?`);
    mkdirSync(clip.y4m.replace(/\/[^/]+$/, ''), { recursive: true });
    const tmp = `${clip.y4m}.tmp.y4m`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', source, '-vf', clip.filter, '-pix_fmt', 'yuv420p', tmp]);
    renameSync(tmp, clip.y4m);
  }
}

async function signInAdmin(baseURL: string): Promise<void> {
  const context = await request.newContext({ baseURL });
  try {
    const res = await context.post('/api/auth/login', { data: E2E_ADMIN });
    if (!res.ok()) throw new Error(`e2e admin login failed: HTTP ${res.status()} ${await res.text()}`);
    mkdirSync(path.dirname(ADMIN_STORAGE_STATE), { recursive: true });
    await context.storageState({ path: ADMIN_STORAGE_STATE });
  } finally {
    await context.dispose();
  }
}

/** Without a config (bench/detector.ts) it only makes the camera clips, synchronously. */
export default async function globalSetup(config?: FullConfig): Promise<void> {
  makeCameraClips();
  if (!config) return;
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error('e2e config has no baseURL');
  await signInAdmin(baseURL);
}
