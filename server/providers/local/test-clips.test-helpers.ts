/**
 * Builds test clips at test time with ffmpeg.wasm (the same wasm build the screening uses), so unit
 * tests never need a system ffmpeg. A fresh instance per clip: instances are not safely reusable.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FFmpeg } from '@ffmpeg.wasm/main';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SHARED_FIXTURES = path.resolve(repoRoot, '../shared/fixtures');
export const MEDIA_FIXTURES = path.resolve(repoRoot, 'server/media/fixtures');

export const sharedFixture = (name: string): Buffer => readFileSync(path.join(SHARED_FIXTURES, name));
export const mediaFixture = (name: string): Buffer => readFileSync(path.join(MEDIA_FIXTURES, name));

const ENCODE = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-an', '-f', 'mp4'];

async function transcode(input: Uint8Array, filterArgs: string[]): Promise<Uint8Array> {
  const log: string[] = [];
  const ff = await FFmpeg.create({ core: '@ffmpeg.wasm/core-st', log: true, logger: (_l, ...m) => log.push(m.join(' ')) });
  ff.fs.writeFile('/in.mp4', input);
  await ff.run('-i', '/in.mp4', ...filterArgs, ...ENCODE, '/out.mp4');
  try {
    return ff.fs.readFile('/out.mp4');
  } catch {
    throw new Error(`test clip build failed: ${log.slice(-5).join(' / ')}`);
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
    '-map', '[v]',
  ]);

/** 0.6 s of the face clip. */
export const buildShortClip = (face: Uint8Array) => transcode(face, ['-t', '0.6']);

/** 3 s of the face clip at 4 fps: a slideshow, not a camera. */
export const buildLowFpsClip = (face: Uint8Array) => transcode(face, ['-t', '3', '-vf', 'fps=4']);
