/** Turns the shared test clips into the .y4m files Chromium's fake camera plays (cached). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { cameraClips, sharedFixture } from './camera.js';

export default function globalSetup(): void {
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
