/**
 * Clips whose container header and video stream disagree on the frame size, built at test time:
 * encoded with Debian's ffmpeg (test setup only, as test-clips.test-helpers.ts), then the header's
 * width and height patched in place (same byte lengths, so every offset stays valid).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { boxOffset, writeU32 } from './test-fixtures.js';

const run = promisify(execFile);

export interface TestClipSpec {
  width: number;
  height: number;
  fps: number;
  frames: number;
  codec: 'h264' | 'vp8';
}

/** A moving test pattern (testsrc2): H.264 in MP4, or VP8 in WebM. */
export async function encodeTestClip(spec: TestClipSpec): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(tmpdir(), 'frame-size-clip-'));
  const out = path.join(dir, spec.codec === 'h264' ? 'clip.mp4' : 'clip.webm');
  const codecArgs =
    spec.codec === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'mp4']
      : ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '500k', '-f', 'webm'];
  try {
    const source = `testsrc2=size=${spec.width}x${spec.height}:rate=${spec.fps}`;
    await run(
      'ffmpeg',
      ['-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', source, '-frames:v', String(spec.frames), '-an', ...codecArgs, out],
      { timeout: 60_000 },
    );
    return new Uint8Array(await readFile(out));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An MP4 with its (single) track's tkhd and avc1 sample entry rewritten to say `width`×`height`. */
export function withMp4HeaderSize(mp4: Uint8Array, width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(mp4);
  const view = new DataView(bytes.buffer);
  const tkhd = boxOffset(bytes, 'tkhd');
  const matrixAt = tkhd + 8 + (bytes[tkhd + 8] === 1 ? 52 : 40);
  writeU32(bytes, matrixAt + 36, width * 65536); // 16.16 fixed point
  writeU32(bytes, matrixAt + 40, height * 65536);
  // stsd: header (8), version/flags (4), entry count (4); the entry's header (8), then 24 bytes to width.
  const entry = boxOffset(bytes, 'stsd') + 16;
  if (String.fromCharCode(...bytes.subarray(entry + 4, entry + 8)) !== 'avc1') throw new Error('no avc1 sample entry');
  view.setUint16(entry + 8 + 24, width);
  view.setUint16(entry + 8 + 26, height);
  return bytes;
}

/** A WebM whose Video element's PixelWidth / PixelHeight say `width`×`height` (2-byte values in, 2-byte values out). */
export function withWebmHeaderSize(webm: Uint8Array, width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(webm);
  const view = new DataView(bytes.buffer);
  // The Video element (ID E0, a 1-byte size) opening with a 2-byte PixelWidth (B0 82), as ffmpeg writes it.
  const video = bytes.findIndex(
    (b, i) => b === 0xe0 && ((bytes[i + 1] ?? 0) & 0x80) !== 0 && bytes[i + 2] === 0xb0 && bytes[i + 3] === 0x82,
  );
  if (video < 0) throw new Error('no Video element with a 2-byte PixelWidth');
  const patch = (id: number, value: number) => {
    for (let i = video; i < Math.min(bytes.length - 4, video + 64); i++) {
      if (bytes[i] === id && bytes[i + 1] === 0x82) return view.setUint16(i + 2, value);
    }
    throw new Error(`no 2-byte element ${id.toString(16)} after the Video element`);
  };
  patch(0xb0, width);
  patch(0xba, height);
  return bytes;
}
