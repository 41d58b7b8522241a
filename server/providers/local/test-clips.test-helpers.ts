/**
 * Builds test clips at test time with Debian's ffmpeg (test setup only: scripts/test.sh installs it
 * for the e2e fake camera too). The screening itself never runs a system binary; it decodes with
 * @ffmpeg/core in a worker.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_FIXTURES = path.resolve(repoRoot, '../shared/fixtures');
export const MEDIA_FIXTURES = path.resolve(repoRoot, 'contract/media/fixtures');

export const sharedFixture = (name: string): Buffer => readFileSync(path.join(SHARED_FIXTURES, name));
export const mediaFixture = (name: string): Buffer => readFileSync(path.join(MEDIA_FIXTURES, name));

const ENCODE = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an', '-f', 'mp4'];

const run = promisify(execFile);

async function transcode(input: Uint8Array, filterArgs: string[]): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'local-screening-clip-'));
  try {
    await writeFile(path.join(dir, 'in.mp4'), input);
    const args = [
      '-nostdin',
      '-loglevel',
      'error',
      '-i',
      path.join(dir, 'in.mp4'),
      ...filterArgs,
      ...ENCODE,
      path.join(dir, 'out.mp4'),
    ];
    await run('ffmpeg', args, { timeout: 60_000 });
    return new Uint8Array(await readFile(path.join(dir, 'out.mp4')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One frame of the face clip held for 3 s at 25 fps: what a replayed still gives. */
export const buildFrozenClip = (face: Uint8Array) =>
  transcode(face, ['-vf', "select='eq(n,10)',loop=loop=74:size=1:start=0,setpts=N/25/TB", '-r', '25']);

/** The first 1.5 s of the face clip, then the next 1.5 s shifted 200 px sideways: a spliced second take. */
export const buildSplicedClip = (face: Uint8Array) =>
  transcode(face, [
    '-filter_complex',
    '[0:v]trim=0:1.5,setpts=PTS-STARTPTS[a];[0:v]trim=1.5:3,setpts=PTS-STARTPTS,crop=iw-200:ih:200:0,pad=iw+200:ih:0:0[b];[a][b]concat=n=2:v=1:a=0[v]',
    '-map',
    '[v]',
  ]);

/** 0.6 s of the face clip. */
export const buildShortClip = (face: Uint8Array) => transcode(face, ['-t', '0.6']);

/** 3 s of the face clip at 4 fps: a slideshow, not a camera. */
export const buildLowFpsClip = (face: Uint8Array) => transcode(face, ['-t', '3', '-vf', 'fps=4']);
