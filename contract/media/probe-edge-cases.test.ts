/**
 * What a player shows, not what the file stores: MP4/MOV edit lists, Matroska files whose
 * Segment Duration is the audio's, and stray bytes after a complete file. Clips are built with
 * ffmpeg in setup (probe-clips.test-helpers.ts); expected values are ffprobe 5.1.9's
 * (`ffprobe -count_frames -show_entries format=duration:stream=duration,nb_read_frames,avg_frame_rate`).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { probeMedia } from './probe.js';
import { buildProbeClip, type ProbeEdgeClip } from './probe-clips.test-helpers.js';
import { boxOffset, fixture, writeU32 } from './test-fixtures.js';
import { MAX_TRAILING_BYTES, ProbeError, type ProbeErrorCode, type VideoProbe } from './types.js';

vi.setConfig({ hookTimeout: 300_000 });

const clips = new Map<ProbeEdgeClip, Uint8Array>();
beforeAll(async () => {
  const names: ProbeEdgeClip[] = ['editListTrim', 'editListTrimBFrames', 'emptyEdit', 'webmLongerAudio', 'mkvLongerAudio'];
  for (const name of names) clips.set(name, await buildProbeClip(name));
});

function probeVideo(bytes: Uint8Array): VideoProbe {
  const probe = probeMedia(bytes);
  if (probe.kind !== 'video') throw new Error('expected a video');
  return probe;
}

function clip(name: ProbeEdgeClip): Uint8Array {
  const bytes = clips.get(name);
  if (!bytes) throw new Error(`${name} was not built`);
  return bytes;
}

function probeCode(bytes: Uint8Array): ProbeErrorCode | 'ok' {
  try {
    probeMedia(bytes);
    return 'ok';
  } catch (error) {
    if (error instanceof ProbeError) return error.code;
    throw error;
  }
}

describe('MP4 edit lists: duration, frames and fps as played', () => {
  it('a lossless trim (-ss 1.3 -c copy of a 3.4 s clip) is 2.1 s: 52 frames shown at 25 fps', () => {
    // ffprobe: duration=2.100000 nb_read_frames=52 avg_frame_rate=25/1 (the file stores 85 samples, 3.4 s)
    const probe = probeVideo(clip('editListTrim'));
    expect(probe.durationS).toBeCloseTo(2.1, 6);
    expect(probe.frameCount).toBe(52);
    expect(probe.fps).toBeCloseTo(25, 6);
  });

  it('the same trim with B-frames (composition offsets) is 1.7 s, 42 frames, 25 fps', () => {
    // ffprobe: duration=1.700000 nb_read_frames=42 avg_frame_rate=25/1 (stored: 50 samples, 2 s)
    const probe = probeVideo(clip('editListTrimBFrames'));
    expect(probe.durationS).toBeCloseTo(1.7, 6);
    expect(probe.frameCount).toBe(42);
    expect(probe.fps).toBeCloseTo(25, 6);
  });

  it('an empty edit before the video is not video: 3.4 s and all 85 frames', () => {
    // ffprobe: stream start_time=0.5 duration=3.400000 nb_read_frames=85 (format duration 3.9 s)
    expect(probeVideo(clip('emptyEdit'))).toMatchObject({ durationS: 3.4, frameCount: 85, fps: 25 });
  });

  it('an edit that skips the first second of a committed fixture (patched elst)', () => {
    const bytes = fixture('h264_640x480_3s.mp4'); // elst: 3000 ms of media from 1024 ticks (12800/s)
    const entry = boxOffset(bytes, 'elst') + 16;
    writeU32(bytes, entry, 2000); // segment duration, movie timescale (ms)
    writeU32(bytes, entry + 4, 1024 + 12800); // media time: one second later
    const probe = probeVideo(bytes);
    expect(probe.durationS).toBeCloseTo(2, 6);
    expect(probe.frameCount).toBe(50);
    expect(probe.fps).toBeCloseTo(25, 6);
  });

  it('an edit claiming far more than the media is capped at the media', () => {
    const bytes = fixture('h264_640x480_3s.mp4');
    writeU32(bytes, boxOffset(bytes, 'elst') + 16, 0xffffffff);
    expect(probeVideo(bytes)).toMatchObject({ durationS: 3, frameCount: 75, fps: 25 });
  });

  it('an edit list of more than 16 entries is ignored (the samples are measured instead)', () => {
    const bytes = fixture('h264_640x480_3s.mp4');
    writeU32(bytes, boxOffset(bytes, 'elst') + 12, 1000); // entry count; the box has room for one
    expect(probeVideo(bytes)).toMatchObject({ durationS: 3, frameCount: 75, fps: 25 });
  });
});

describe('Matroska: the video track measured by its own blocks when the Segment Duration is longer', () => {
  it.each([
    // ffprobe: format duration=4.008000, video nb_read_frames=50, avg_frame_rate=25/1
    ['webmLongerAudio', 'webm', 'vp8'],
    // ffprobe: format duration=4.021000, video nb_read_frames=50, avg_frame_rate=25/1
    ['mkvLongerAudio', 'mkv', 'h264'],
  ] as const)('%s: 2 s of video with 4 s of audio reads 2 s at 25 fps', (name, container, codec) => {
    const probe = probeVideo(clip(name));
    expect(probe).toMatchObject({ container, codec, frameCount: 50, hasAudio: true, fragmented: false });
    expect(probe.durationS).toBeCloseTo(2, 2);
    expect(probe.fps).toBeCloseTo(25, 1);
  });
});

describe('stray bytes after a complete file', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const append = (bytes: Uint8Array, tail: Uint8Array) => {
    const out = new Uint8Array(bytes.length + tail.length);
    out.set(bytes);
    out.set(tail, bytes.length);
    return out;
  };
  const FILES = [
    'h264_640x480_3s.mp4', // moov first, mdat last
    'h264_320x240_2s.mov', // moov last
    'h264_640x480_3s_fragmented.mp4',
    'mediarecorder_h264_640x480.mp4',
    'vp9_320x240_2s_live.webm', // unknown-size Segment: the tail is read as part of it
    'mediarecorder_vp8_opus_640x480.webm',
  ];
  const TAILS: Array<[string, Uint8Array]> = [
    ['a newline', text('\n')],
    ['7 bytes of text', text('garbage')],
    ['a line of text', text('trailing text that is not a box, 40 bytes\n')],
    ['100 zero bytes', new Uint8Array(100)],
  ];

  it.each(FILES.flatMap((file) => TAILS.map(([label, tail]) => [file, label, tail] as const)))(
    '%s followed by %s reads as without them',
    (file, _label, tail) => {
      const original = fixture(file);
      expect(probeMedia(append(original, tail))).toEqual(probeMedia(original));
    },
  );

  it('the start of a real box header after the moov is still a cut-off file', () => {
    const mp4 = fixture('h264_640x480_3s_fragmented.mp4');
    expect(probeCode(append(mp4, Uint8Array.of(0, 0, 0x10, 0, 0x6d, 0x6f)))).toBe('truncated_media'); // "..mo" (moof)
    expect(probeCode(append(mp4, Uint8Array.of(0, 0, 0x10, 0, ...text('mdat'), 1, 2, 3)))).toBe('truncated_media');
  });

  it('a moov-last file cut just after its mdat is cut off, whatever the tail', () => {
    const mov = fixture('h264_320x240_2s.mov');
    const moov = boxOffset(mov, 'moov');
    expect(probeCode(mov.subarray(0, moov + 5))).toBe('truncated_media');
    expect(probeCode(append(mov.subarray(0, moov), text('garbage')))).not.toBe('ok');
  });

  it(`more than ${MAX_TRAILING_BYTES} stray bytes are not tolerated`, () => {
    const tail = new Uint8Array(MAX_TRAILING_BYTES + 1);
    expect(probeCode(append(fixture('h264_640x480_3s.mp4'), tail))).toBe('corrupt_media');
    expect(probeCode(append(fixture('vp9_320x240_2s_live.webm'), tail))).toBe('corrupt_media');
  });

  it('a live WebM whose last SimpleBlock is cut is still cut off', () => {
    const webm = fixture('vp9_320x240_2s_live.webm');
    const block = Uint8Array.of(0xa3, 0x43, 0xe8, 0x81, 0x00, 0x00, 0x80, 1, 2, 3); // SimpleBlock of 1000 bytes, 6 present
    expect(probeCode(append(webm, block))).toBe('truncated_media');
  });
});
