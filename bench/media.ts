/** Bench inputs made once with Debian ffmpeg from ../shared/fixtures (cached under .cache/bench). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(repoRoot, '.cache', 'bench');

/** A ~1 MB, 3 s, 640×480 H.264 MP4 (noise added so the encoder really spends the bits). */
export function oneMegabyteClip(): Buffer {
  const out = path.join(cache, 'clip_1mb_3s_v2.mp4');
  if (!existsSync(out)) {
    mkdirSync(cache, { recursive: true });
    const src = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'face_640x480.mp4');
    execFileSync('ffmpeg', [
      '-v', 'error', '-y', '-i', src, '-t', '3', '-vf', 'noise=alls=12:allf=t',
      '-c:v', 'libx264', '-preset', 'veryfast', '-b:v', '2850k', '-maxrate', '2850k', '-bufsize', '1400k',
      '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-an', out,
    ]);
  }
  return readFileSync(out);
}
