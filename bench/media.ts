/** Bench inputs made once with Debian ffmpeg from ../shared/fixtures (cached under .cache/bench). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '../server/test-support/test-server.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(repoRoot, '.cache', 'bench');

/** A ~1 MB, 3 s, 640×480 H.264 MP4 (noise added so the encoder really spends the bits). */
export function oneMegabyteClip(): Buffer {
  return readFileSync(oneMegabyteClipPath());
}

/** Where {@link oneMegabyteClip} is cached (made on first use), for a bench process of its own. */
export function oneMegabyteClipPath(): string {
  const out = path.join(cache, 'clip_1mb_3s_v2.mp4');
  if (!existsSync(out)) {
    mkdirSync(cache, { recursive: true });
    const src = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'face_640x480.mp4');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      src,
      '-t',
      '3',
      '-vf',
      'noise=alls=12:allf=t',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-b:v',
      '2850k',
      '-maxrate',
      '2850k',
      '-bufsize',
      '1400k',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
      '-an',
      out,
    ]);
  }
  return out;
}

/**
 * A copy of the clip with its last bytes (inside the media data, after the faststart moov) set
 * from `n`, so every submission is a distinct file, as real captures are.
 */
export function variant(clip: Buffer, n: number): Buffer {
  const copy = Buffer.from(clip);
  copy.writeUInt16BE(n & 0xffff, copy.length - 2);
  return copy;
}

/** `fetch` as it was before any bench instrumented it: the bench's own uploads never count as vendor time. */
export const realFetch = globalThis.fetch;

/** POST /api/captures with `meta`; returns the new case id (throws unless 202). */
export async function submitCapture(t: TestServer, clip: Buffer, meta: Record<string, unknown>): Promise<string> {
  const form = new FormData();
  form.append('meta', JSON.stringify(meta));
  form.append('video', new Blob([new Uint8Array(clip)], { type: 'video/mp4' }), 'clip.mp4');
  const res = await realFetch(`${t.baseUrl}/api/captures`, { method: 'POST', body: form });
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { caseId: string }).caseId;
}
