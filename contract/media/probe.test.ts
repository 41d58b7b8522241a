import { describe, expect, it } from 'vitest';
import { probeMedia } from './probe.js';
import { rotationFromMatrix } from './probe-isobmff.js';
import { boxOffset, fixture, seededRandom, writeU32 } from './test-fixtures.js';
import { ProbeError, type ProbeErrorCode, type VideoProbe } from './types.js';

/** Expected values are what ffprobe 5.1.9 reports (fixtures/README.md lists the commands). */
const VIDEO_FIXTURES: Array<{ file: string } & Omit<VideoProbe, 'kind' | 'fps'>> = [
  {
    file: 'h264_640x480_3s.mp4',
    container: 'mp4',
    mime: 'video/mp4',
    codec: 'h264',
    width: 640,
    height: 480,
    durationS: 3,
    frameCount: 75,
    hasAudio: false,
    fragmented: false,
    rotation: 0,
  },
  {
    file: 'h264_640x480_3s_fragmented.mp4',
    container: 'mp4',
    mime: 'video/mp4',
    codec: 'h264',
    width: 640,
    height: 480,
    durationS: 3,
    frameCount: 75,
    hasAudio: false,
    fragmented: true,
    rotation: 0,
  },
  {
    file: 'mediarecorder_h264_640x480.mp4',
    container: 'mp4',
    mime: 'video/mp4',
    codec: 'h264',
    width: 640,
    height: 480,
    durationS: 2.97232,
    frameCount: 70,
    hasAudio: false,
    fragmented: true,
    rotation: 0,
  },
  {
    file: 'h264_320x240_2s.mov',
    container: 'mov',
    mime: 'video/quicktime',
    codec: 'h264',
    width: 320,
    height: 240,
    durationS: 2,
    frameCount: 50,
    hasAudio: false,
    fragmented: false,
    rotation: 0,
  },
  {
    file: 'h264_320x240_2s_rotate90.mp4',
    container: 'mp4',
    mime: 'video/mp4',
    codec: 'h264',
    width: 320,
    height: 240,
    durationS: 2,
    frameCount: 50,
    hasAudio: false,
    fragmented: false,
    rotation: 90,
  },
  {
    file: 'h264_320x240_0.4s.mp4',
    container: 'mp4',
    mime: 'video/mp4',
    codec: 'h264',
    width: 320,
    height: 240,
    durationS: 0.4,
    frameCount: 10,
    hasAudio: false,
    fragmented: false,
    rotation: 0,
  },
  {
    file: 'h264_aac_320x240_3s.mp4',
    container: 'mp4',
    mime: 'video/mp4',
    codec: 'h264',
    width: 320,
    height: 240,
    durationS: 3,
    frameCount: 75,
    hasAudio: true,
    fragmented: false,
    rotation: 0,
  },
  {
    file: 'hevc_320x240_1s.mp4',
    container: 'mp4',
    mime: 'video/mp4',
    codec: 'hevc',
    width: 320,
    height: 240,
    durationS: 1,
    frameCount: 25,
    hasAudio: false,
    fragmented: false,
    rotation: 0,
  },
  {
    file: 'vp9_320x240_2s.webm',
    container: 'webm',
    mime: 'video/webm',
    codec: 'vp9',
    width: 320,
    height: 240,
    durationS: 2,
    frameCount: 50,
    hasAudio: false,
    fragmented: false,
    rotation: 0,
  },
  {
    file: 'vp9_320x240_2s_live.webm',
    container: 'webm',
    mime: 'video/webm',
    codec: 'vp9',
    width: 320,
    height: 240,
    durationS: 2,
    frameCount: 50,
    hasAudio: false,
    fragmented: true,
    rotation: 0,
  },
  {
    file: 'h264_320x240_2s.mkv',
    container: 'mkv',
    mime: 'video/x-matroska',
    codec: 'h264',
    width: 320,
    height: 240,
    durationS: 2,
    frameCount: 50,
    hasAudio: false,
    fragmented: false,
    rotation: 0,
  },
  // ffprobe has no duration for this one (no header): its 57 video packets run from pts 0 to
  // 2.916 s, so first-to-last plus the mean frame interval is 2.916 × 57/56 = 2.968 s.
  {
    file: 'mediarecorder_vp8_opus_640x480.webm',
    container: 'webm',
    mime: 'video/webm',
    codec: 'vp8',
    width: 640,
    height: 480,
    durationS: 2.968,
    frameCount: 57,
    hasAudio: true,
    fragmented: true,
    rotation: 0,
  },
];

const CONTAINER_FILES = VIDEO_FIXTURES.map((f) => f.file);
const IMAGE_FILES = ['astronaut_240x320.jpg', 'astronaut_240x320.png'];

function probeError(bytes: Uint8Array): ProbeError {
  try {
    probeMedia(bytes);
  } catch (error) {
    if (error instanceof ProbeError) return error;
    throw error;
  }
  throw new Error('expected probeMedia to throw');
}

function expectCode(bytes: Uint8Array, ...codes: ProbeErrorCode[]): void {
  expect(codes).toContain(probeError(bytes).code);
}

describe('probeMedia: videos (checked against ffprobe)', () => {
  it.each(VIDEO_FIXTURES)('$file', ({ file, durationS, ...expected }) => {
    const probe = probeMedia(fixture(file));
    expect(probe).toMatchObject({ kind: 'video', ...expected });
    if (probe.kind !== 'video') return;
    expect(probe.durationS).toBeGreaterThan(durationS - 0.05);
    expect(probe.durationS).toBeLessThan(durationS + 0.05);
    expect(probe.fps).toBeCloseTo(probe.frameCount / probe.durationS, 9);
  });

  it('measures a real Chromium MediaRecorder MP4 (fragmented, 1-tick last sample) at ffprobe precision', () => {
    const probe = probeMedia(fixture('mediarecorder_h264_640x480.mp4'));
    expect(probe).toMatchObject({ frameCount: 70, fragmented: true });
    // ffprobe: duration=2.972320, avg_frame_rate=437500/18577
    expect(probe.kind === 'video' && probe.durationS).toBeCloseTo(2.97232, 5);
    expect(probe.kind === 'video' && probe.fps).toBeCloseTo(437500 / 18577, 5);
  });

  it('reads every quarter-turn from the track matrix', () => {
    const bytes = fixture('h264_320x240_2s_rotate90.mp4');
    const matrix = boxOffset(bytes, 'tkhd') + 8 + 40; // version-0 tkhd: matrix after 40 bytes
    const cases: Array<[a: number, b: number, c: number, d: number, rotation: number]> = [
      [0x10000, 0, 0, 0x10000, 0],
      [0, 0x10000, -0x10000, 0, 90],
      [-0x10000, 0, 0, -0x10000, 180],
      [0, -0x10000, 0x10000, 0, 270],
    ];
    for (const [a, b, c, d, rotation] of cases) {
      const patched = bytes.slice();
      writeU32(patched, matrix, a);
      writeU32(patched, matrix + 4, b);
      writeU32(patched, matrix + 12, c);
      writeU32(patched, matrix + 16, d);
      expect(probeMedia(patched)).toMatchObject({ rotation, width: 320, height: 240 });
    }
  });

  it('rounds skewed or scaled matrices to the nearest quarter turn', () => {
    expect(rotationFromMatrix(0x20000, 0)).toBe(0);
    expect(rotationFromMatrix(1000, 0x10000)).toBe(90);
    expect(rotationFromMatrix(0, 0)).toBe(0);
  });
});

describe('probeMedia: stills', () => {
  it.each([
    ['astronaut_240x320.jpg', 'jpeg', 'image/jpeg'],
    ['astronaut_240x320.png', 'png', 'image/png'],
  ])('%s is an image (the caller decides whether an image is acceptable)', (file, format, mime) => {
    expect(probeMedia(fixture(file))).toEqual({ kind: 'image', format, mime, width: 240, height: 320 });
  });
});

describe('probeMedia: structure variants', () => {
  it('a JPEG whose frame header is SOF2 (progressive), after a DHT that must not be read as one', () => {
    const segment = (marker: number, body: number[]) => [0xff, marker, 0, body.length + 2, ...body];
    const jpeg = Uint8Array.from([
      0xff,
      0xd8,
      ...segment(0xc4, [0x00, 0x01, 0x02, 0x03, 0x04, 0x05]), // DHT: bytes that would read as 258×1027
      ...segment(0xc2, [8, 0x01, 0xe0, 0x02, 0x80, 1, 1, 0x11, 0]), // SOF2: 640 wide, 480 high
      ...segment(0xda, [1, 1, 0, 0, 63, 0]), // SOS
      0x12,
      0xff,
      0x00,
      0x34,
      0xff,
      0xd0,
      0x56, // scan data with a stuffed FF and an RST0
      0xff,
      0xd9,
    ]);
    expect(probeMedia(jpeg)).toMatchObject({ kind: 'image', format: 'jpeg', width: 640, height: 480 });
    expectCode(jpeg.subarray(0, jpeg.length - 3), 'truncated_media');
  });

  it('a PNG that does not start with IHDR → corrupt_media', () => {
    const png = fixture('astronaut_240x320.png');
    png.set(ascii('tEXt'), 12);
    expectCode(png, 'corrupt_media');
  });

  it('a QuickTime file from before ftyp existed is a MOV', () => {
    const bytes = fixture('h264_640x480_3s.mp4');
    bytes.set(ascii('free'), 4); // the ftyp becomes padding; every offset stays the same
    expect(probeMedia(bytes)).toMatchObject({ container: 'mov', mime: 'video/quicktime', frameCount: 75 });
  });
});

describe('probeMedia: rejects by content, not by name', () => {
  it('random bytes → unsupported_format', () => {
    const random = seededRandom(7);
    const bytes = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
    expectCode(bytes, 'unsupported_format');
  });

  it('a text file → unsupported_format', () => {
    expectCode(new TextEncoder().encode('ftyp is not enough: this is a plain text file\n'), 'unsupported_format');
    expectCode(new TextEncoder().encode('<html><body>not a video</body></html>'), 'unsupported_format');
  });

  it('an empty or one-byte buffer → unsupported_format', () => {
    expectCode(new Uint8Array(0), 'unsupported_format');
    expectCode(Uint8Array.of(0x1a), 'unsupported_format');
  });

  it('audio-only files → no_video_track', () => {
    expectCode(fixture('sine_aac_1s.m4a'), 'no_video_track');
    expectCode(fixture('sine_opus_1s.webm'), 'no_video_track');
  });

  it('a HEIF still (ISO-BMFF with an image brand) → unsupported_format', () => {
    const ftyp = [0, 0, 0, 16, ...ascii('ftyp'), ...ascii('heic'), 0, 0, 0, 0];
    expectCode(Uint8Array.from([...ftyp, 0, 0, 0, 8, ...ascii('meta')]), 'unsupported_format');
  });

  it('an unknown EBML DocType → unsupported_format', () => {
    const bytes = fixture('vp9_320x240_2s.webm');
    const docType = indexOf(bytes, ascii('webm'));
    bytes.set(ascii('wxyz'), docType);
    expectCode(bytes, 'unsupported_format');
  });
});

describe('probeMedia: cut-off uploads → truncated_media', () => {
  it.each([...CONTAINER_FILES, ...IMAGE_FILES])('%s cut to 60 %%', (file) => {
    const bytes = fixture(file);
    expectCode(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 'truncated_media');
  });

  it.each([...CONTAINER_FILES, ...IMAGE_FILES])('%s missing its last byte', (file) => {
    const bytes = fixture(file);
    expectCode(bytes.subarray(0, bytes.length - 1), 'truncated_media');
  });

  it.each(['mediarecorder_h264_640x480.mp4', 'mediarecorder_vp8_opus_640x480.webm'])(
    '%s cut anywhere from 5 % to 95 %',
    (file) => {
      const bytes = fixture(file);
      for (let percent = 5; percent <= 95; percent += 5) {
        expectCode(bytes.subarray(0, Math.floor((bytes.length * percent) / 100)), 'truncated_media');
      }
    },
  );

  it('a progressive MP4 whose mdat was rewritten to "runs to end of file" but is cut', () => {
    // size 0 means "extends to the end of the file", so only the sample tables can tell.
    const bytes = fixture('h264_640x480_3s.mp4');
    writeU32(bytes, boxOffset(bytes, 'mdat'), 0);
    expectCode(bytes.subarray(0, bytes.length - 1000), 'truncated_media');
    expect(probeMedia(bytes)).toMatchObject({ frameCount: 75 });
  });
});

describe('probeMedia: broken structure', () => {
  it('ftyp with no moov → corrupt_media', () => {
    const bytes = fixture('h264_640x480_3s.mp4');
    const ftypSize = new DataView(bytes.buffer).getUint32(0);
    expectCode(bytes.subarray(0, ftypSize), 'corrupt_media');
    const ftypAndMdat = Uint8Array.from([...bytes.subarray(0, ftypSize), 0, 0, 0, 12, ...ascii('mdat'), 1, 2, 3, 4]);
    expectCode(ftypAndMdat, 'corrupt_media');
  });

  it.each([
    ['larger than the file', 0x7fffff00],
    ['smaller than its header', 4],
    ['16 bytes short', -16],
    ['16 bytes long', 16],
  ])('moov size %s → corrupt_media or truncated_media', (_label, change) => {
    for (const file of ['h264_640x480_3s.mp4', 'h264_640x480_3s_fragmented.mp4', 'mediarecorder_h264_640x480.mp4']) {
      const bytes = fixture(file);
      const moov = boxOffset(bytes, 'moov');
      const size = new DataView(bytes.buffer).getUint32(moov);
      writeU32(bytes, moov, Math.abs(change) > 1000 || change === 4 ? change : size + change);
      expectCode(bytes, 'corrupt_media', 'truncated_media');
    }
  });

  it('a trun claiming more samples than it holds → corrupt_media', () => {
    const bytes = fixture('mediarecorder_h264_640x480.mp4');
    writeU32(bytes, boxOffset(bytes, 'trun') + 12, 0xffffffff);
    expectCode(bytes, 'corrupt_media');
  });

  it('an stsz claiming 2^32 - 1 samples → corrupt_media, without allocating for them', () => {
    const bytes = fixture('h264_640x480_3s.mp4');
    writeU32(bytes, boxOffset(bytes, 'stsz') + 16, 0xffffffff);
    expectCode(bytes, 'corrupt_media');
  });
});

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function indexOf(bytes: Uint8Array, needle: number[]): number {
  for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (needle.every((byte, k) => bytes[i + k] === byte)) return i;
  }
  throw new Error('not found');
}
