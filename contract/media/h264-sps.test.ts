import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTestClip, withMp4HeaderSize } from './frame-size-clips.test-helpers.js';
import { FrameSizeMismatchError, frameSizeFromAvcC, frameSizeFromSps, sameFrameSize } from './h264-sps.js';
import { probeMedia, ProbeError } from './probe.js';
import { boxOffset, fixture } from './test-fixtures.js';

/** The avcC record (box payload) of the first avcC box in an MP4. */
function avcCOf(mp4: Uint8Array): Uint8Array {
  const at = boxOffset(mp4, 'avcC');
  const size = new DataView(mp4.buffer, mp4.byteOffset).getUint32(at);
  return mp4.subarray(at + 8, at + size);
}

/** Writes H.264 RBSP fields bit by bit (u(n), ue(v), se(v)). */
class BitWriter {
  private bits: number[] = [];
  u(count: number, value: number): this {
    for (let i = count - 1; i >= 0; i--) this.bits.push(Math.floor(value / 2 ** i) % 2);
    return this;
  }
  ue(value: number): this {
    const code = value + 1;
    const length = Math.floor(Math.log2(code));
    return this.u(length, 0).u(length + 1, code);
  }
  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }
  /** rbsp_trailing_bits, then the bytes. */
  bytes(): Uint8Array {
    this.bits.push(1);
    while (this.bits.length % 8 !== 0) this.bits.push(0);
    return Uint8Array.from({ length: this.bits.length / 8 }, (_, i) =>
      this.bits.slice(i * 8, i * 8 + 8).reduce((v, b) => v * 2 + b, 0),
    );
  }
}

/** Inserts an emulation-prevention byte after every 00 00, as a muxer must before 00–03 (decoders drop them all). */
function escape(rbsp: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros === 2) {
      out.push(3);
      zeros = 0;
    }
    out.push(byte);
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}

/**
 * A High-profile SPS for an interlaced 8000×8000 picture cropped to 7992×7992, with a scaling
 * matrix and picture-order-count type 1, so every branch that moves the bit position is crossed.
 */
function highProfileSps(): Uint8Array {
  const w = new BitWriter()
    .u(8, 100) // profile_idc: High
    .u(8, 0)
    .u(8, 51) // constraint flags, level
    .ue(0) // seq_parameter_set_id
    .ue(1) // chroma_format_idc 4:2:0
    .ue(0)
    .ue(0) // bit depths
    .u(1, 0) // qpprime_y_zero_transform_bypass_flag
    .u(1, 1); // seq_scaling_matrix_present_flag
  // List 0 present with deltas that end it early (next scale 0), list 6 (8×8) present in full, the rest absent.
  for (let i = 0; i < 8; i++) {
    const present = i === 0 || i === 6;
    w.u(1, present ? 1 : 0);
    if (i === 0) w.se(4).se(-12); // 8 → 12 → 0: the list stops
    if (i === 6) for (let j = 0; j < 64; j++) w.se(1);
  }
  w.ue(0) // log2_max_frame_num_minus4
    .ue(1) // pic_order_cnt_type 1
    .u(1, 0)
    .se(8_388_608) // offset_for_non_ref_pic: 24 zero bits in a row, so the NAL needs escaping
    .se(-3)
    .ue(2)
    .se(5)
    .se(-5) // two offset_for_ref_frame
    .ue(4) // max_num_ref_frames
    .u(1, 0)
    .ue(8000 / 16 - 1) // pic_width_in_mbs_minus1
    .ue(8000 / 32 - 1) // pic_height_in_map_units_minus1: field pairs
    .u(1, 0) // frame_mbs_only_flag = 0: interlaced
    .u(1, 0) // mb_adaptive_frame_field_flag
    .u(1, 1) // direct_8x8_inference_flag
    .u(1, 1) // frame_cropping_flag
    .ue(0)
    .ue(4) // left, right: 4 × CropUnitX 2 = 8 px
    .ue(0)
    .ue(2) // top, bottom: 2 × CropUnitY (2 × 2) = 8 px
    .u(1, 0); // vui_parameters_present_flag
  return w.bytes();
}

describe('frameSizeFromSps / frameSizeFromAvcC', () => {
  it("reads the frame size of real encoders' SPS (x264, Chromium MediaRecorder)", () => {
    expect(frameSizeFromAvcC(avcCOf(fixture('h264_640x480_3s.mp4')))).toEqual({ width: 640, height: 480 });
    expect(frameSizeFromAvcC(avcCOf(fixture('h264_320x240_2s_rotate90.mp4')))).toEqual({ width: 320, height: 240 });
    expect(frameSizeFromAvcC(avcCOf(fixture('mediarecorder_h264_640x480.mp4')))).toEqual({ width: 640, height: 480 });
  });

  it('applies the crop of a 1080-line stream coded as 1088 lines', async () => {
    const clip = await encodeTestClip({ width: 1920, height: 1080, fps: 25, frames: 1, codec: 'h264' });
    expect(frameSizeFromAvcC(avcCOf(clip))).toEqual({ width: 1920, height: 1080 });
  });

  it('reads a High-profile SPS with scaling lists, POC type 1, field coding, cropping and escaped bytes', () => {
    const rbsp = highProfileSps();
    const nal = Uint8Array.from([0x67, ...escape(rbsp)]);
    expect(nal.length).toBeGreaterThan(rbsp.length + 1); // the escaping was exercised
    expect(frameSizeFromSps(nal)).toEqual({ width: 7992, height: 7992 });
  });

  it('gives undefined, never throws, on what it cannot read', () => {
    const sps = Uint8Array.from([0x67, ...escape(highProfileSps())]);
    for (let cut = 0; cut < sps.length - 1; cut++) expect(frameSizeFromSps(sps.subarray(0, cut))).toBeUndefined();
    expect(frameSizeFromSps(Uint8Array.from([0x68, 0xee, 0x3c, 0x80]))).toBeUndefined(); // a PPS, not an SPS
    expect(frameSizeFromAvcC(Uint8Array.from([1, 0x64, 0, 0x1f, 0xff, 0xe0, 0, 0]))).toBeUndefined(); // avc3: no SPS stored
    expect(frameSizeFromAvcC(Uint8Array.from([1, 0x64, 0, 0x1f, 0xff, 0xe1, 0x40, 0x00, 0x67]))).toBeUndefined(); // length past the end
    expect(frameSizeFromSps(Uint8Array.from([0x67, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined(); // an endless Exp-Golomb prefix
  });

  it('counts 16 px of rounding and a swapped orientation as the same size', () => {
    expect(sameFrameSize({ width: 1920, height: 1080 }, { width: 1920, height: 1088 })).toBe(true);
    expect(sameFrameSize({ width: 480, height: 640 }, { width: 640, height: 480 })).toBe(true);
    expect(sameFrameSize({ width: 640, height: 480 }, { width: 8000, height: 8000 })).toBe(false);
  });
});

describe("the probe compares the header's frame size with the H.264 stream's", () => {
  let hidden8k: Uint8Array;
  beforeAll(async () => {
    // One 8000×8000 frame (~1.5 s to encode) behind a header that says 640×480.
    hidden8k = withMp4HeaderSize(await encodeTestClip({ width: 8000, height: 8000, fps: 1, frames: 1, codec: 'h264' }), 640, 480);
  }, 60_000);

  it('refuses an 8000×8000 stream behind a 640×480 header as dimension_mismatch, naming both sizes', () => {
    let error: unknown;
    try {
      probeMedia(hidden8k);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProbeError);
    expect(error).toBeInstanceOf(FrameSizeMismatchError);
    expect((error as ProbeError).code).toBe('dimension_mismatch');
    expect((error as Error).message).toMatch(/640×480.*8000×8000/);
    expect(error).toMatchObject({ header: { width: 640, height: 480 }, stream: { width: 8000, height: 8000 } });
  });

  it('accepts the same clip untouched, and real recordings as before', async () => {
    const clip = await encodeTestClip({ width: 1920, height: 1080, fps: 25, frames: 1, codec: 'h264' });
    expect(probeMedia(clip)).toMatchObject({ kind: 'video', width: 1920, height: 1080 });
    expect(probeMedia(withMp4HeaderSize(clip, 1920, 1088))).toMatchObject({ width: 1920, height: 1088 });
    for (const name of [
      'h264_640x480_3s.mp4',
      'h264_320x240_2s_rotate90.mp4',
      'mediarecorder_h264_640x480.mp4',
      'h264_640x480_3s_fragmented.mp4',
    ]) {
      expect(probeMedia(fixture(name)).kind).toBe('video');
    }
  });
});
