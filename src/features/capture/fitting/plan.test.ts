import { describe, expect, it } from 'vitest';
import { probeMedia } from '@contract/media/probe';
import { fixture } from '@contract/media/test-fixtures';
import type { VideoProbe } from '@contract/media/types';
import { ffmpegArgs } from './ffmpeg-args';
import { TRIM_MARGIN_S, cutPoint, fitSize, planFitting, planForProvider, type FitProvider } from './plan';
import { ALIBABA_CN, ALIBABA_INTL, ALL_VENDORS, FINAUTH, GLAIR, TENCENT, recordingProbe } from './vendors.test-helpers';

/** A 3.5 s clip at the recorder's measured ~0.62 Mbps. */
const RECORDING_BYTES = 270_000;

function actionsByProvider(probe: VideoProbe, byteLength: number, providers: FitProvider[] = ALL_VENDORS) {
  return Object.fromEntries(planFitting({ probe, byteLength }, providers).perProvider.map((p) => [p.providerId, p.action]));
}

function videoFixture(name: string): { probe: VideoProbe; byteLength: number } {
  const bytes = fixture(name);
  const probe = probeMedia(bytes);
  if (probe.kind !== 'video') throw new Error(`${name} is not a video`);
  return { probe, byteLength: bytes.length };
}

describe('planFitting over the real vendor limits', () => {
  it('a 3.5 s 640×480 fragmented MP4: Tencent, FinAuth and GLAIR as-is; both Alibabas share one trim to ≤ 3 s', () => {
    const plan = planFitting({ probe: recordingProbe(), byteLength: RECORDING_BYTES }, ALL_VENDORS);
    expect(actionsByProvider(recordingProbe(), RECORDING_BYTES)).toEqual({
      tencent: { kind: 'as-is' },
      finauth: { kind: 'as-is' },
      glair: { kind: 'as-is' },
      'alibaba-intl': { kind: 'trim', durationS: 2.8 },
      'alibaba-cn': { kind: 'trim', durationS: 2.8 },
    });
    expect(plan.asIs).toEqual(['tencent', 'finauth', 'glair']);
    expect(plan.jobs).toEqual([
      { key: 'trim:2.8', action: { kind: 'trim', durationS: 2.8 }, providerIds: ['alibaba-intl', 'alibaba-cn'] },
    ]);
    expect(plan.impossible).toEqual([]);
    // Why: the duration, nothing else.
    expect(plan.perProvider.find((p) => p.providerId === 'alibaba-intl')?.violations.map((v) => v.rule)).toEqual(['duration']);
  });

  it('the trim is a stream copy cut below the maximum', () => {
    expect(ffmpegArgs({ kind: 'trim', durationS: 2.8 }, 'input.mp4', 'fitted.mp4')).toEqual([
      '-i',
      'input.mp4',
      '-map',
      '0:v:0',
      '-t',
      '2.800',
      '-c',
      'copy',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      'fitted.mp4',
    ]);
  });

  it('a clip that fits every window (2.9 s) goes to everyone as-is: no ffmpeg at all', () => {
    const plan = planFitting({ probe: recordingProbe({ durationS: 2.9 }), byteLength: 230_000 }, ALL_VENDORS);
    expect(plan.jobs).toEqual([]);
    expect(plan.asIs).toHaveLength(5);
  });

  it('a real WebM (VP8) recording: one MP4/H.264 transcode shared by every vendor', () => {
    const webm = videoFixture('mediarecorder_vp8_opus_640x480.webm');
    // VP8 dropped frames: 57 in 2.97 s. The re-encode keeps that average as a constant rate.
    expect(webm.probe).toMatchObject({ container: 'webm', codec: 'vp8', width: 640, height: 480, frameCount: 57 });
    const plan = planFitting(webm, ALL_VENDORS);
    expect(plan.asIs).toEqual([]);
    expect(plan.jobs).toHaveLength(1);
    expect(plan.jobs[0]).toMatchObject({
      action: { kind: 'transcode', width: 640, height: 480, fps: 19, durationS: null, bitsPerSecond: 1_000_000 },
      providerIds: ['tencent', 'finauth', 'alibaba-intl', 'glair', 'alibaba-cn'],
    });
    expect(ffmpegArgs(plan.jobs[0]!.action, 'input.webm', 'fitted.mp4')).toEqual([
      '-i',
      'input.webm',
      '-map',
      '0:v:0',
      '-vf',
      'scale=640:480,fps=19',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-b:v',
      '1000000',
      '-maxrate',
      '1000000',
      '-bufsize',
      '1000000',
      '-an',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      'fitted.mp4',
    ]);
  });

  it('a 3.5 s WebM: the Alibabas need the transcode cut as well, so they get their own', () => {
    const probe = recordingProbe({ container: 'webm', mime: 'video/webm', codec: 'vp9', fragmented: true });
    const plan = planFitting({ probe, byteLength: RECORDING_BYTES }, ALL_VENDORS);
    expect(
      plan.jobs.map((j) => [j.action.kind, j.action.kind === 'transcode' ? j.action.durationS : 'n/a', j.providerIds]),
    ).toEqual([
      ['transcode', null, ['tencent', 'finauth', 'glair']],
      ['transcode', 2.8, ['alibaba-intl', 'alibaba-cn']],
    ]);
  });

  it('H.264 in Matroska (Chromium’s webm;codecs=h264) is remuxed by stream copy, not re-encoded', () => {
    const probe = recordingProbe({ container: 'mkv', mime: 'video/x-matroska' });
    expect(actionsByProvider(probe, RECORDING_BYTES)).toEqual({
      tencent: { kind: 'remux' },
      finauth: { kind: 'remux' },
      glair: { kind: 'remux' },
      'alibaba-intl': { kind: 'trim', durationS: 2.8 },
      'alibaba-cn': { kind: 'trim', durationS: 2.8 },
    });
    expect(ffmpegArgs({ kind: 'remux' }, 'input.mkv', 'out.mp4')).toEqual([
      '-i',
      'input.mkv',
      '-map',
      '0:v:0',
      '-c',
      'copy',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      'out.mp4',
    ]);
  });

  it('a 1080p clip: 720p-max vendors get a 1280×720 transcode; Alibaba (1920×1080 max) only a trim', () => {
    const probe = recordingProbe({ width: 1920, height: 1080, fps: 30 });
    const plan = planFitting({ probe, byteLength: 1_300_000 }, ALL_VENDORS);
    expect(plan.jobs).toEqual([
      {
        key: expect.any(String),
        action: { kind: 'transcode', width: 1280, height: 720, fps: 30, durationS: null, bitsPerSecond: 1_000_000 },
        providerIds: ['tencent', 'finauth', 'glair'],
      },
      { key: 'trim:2.8', action: { kind: 'trim', durationS: 2.8 }, providerIds: ['alibaba-intl', 'alibaba-cn'] },
    ]);
  });

  it('a portrait phone clip (stored 1920×1080, rotated 90°) is scaled as displayed: 720×1280', () => {
    const probe = recordingProbe({ width: 1920, height: 1080, rotation: 90, durationS: 3 });
    const action = planForProvider({ probe, byteLength: 1_200_000 }, TENCENT).action;
    expect(action).toMatchObject({ kind: 'transcode', width: 720, height: 1280 });
  });

  it('60 fps for Tencent (≤ 30.5 fps): transcode capped at 30 fps; GLAIR (≤ 60) takes it as-is', () => {
    const probe = recordingProbe({ fps: 60 });
    expect(planForProvider({ probe, byteLength: 500_000 }, TENCENT).action).toMatchObject({ kind: 'transcode', fps: 30 });
    expect(planForProvider({ probe, byteLength: 500_000 }, GLAIR).action).toEqual({ kind: 'as-is' });
    expect(
      ffmpegArgs({ kind: 'transcode', width: 640, height: 480, fps: 30, durationS: null, bitsPerSecond: 1e6 }, 'i', 'o'),
    ).toContain('scale=640:480,fps=30');
  });

  it('too many bytes: the bitrate is derived from the limit, counting base64 where the vendor does', () => {
    // 9 MB raw is 12 MB as base64: over Tencent's 10,000,000; GLAIR counts raw bytes (6,000,000).
    const probe = recordingProbe({ width: 1280, height: 720 });
    const tencent = planForProvider({ probe, byteLength: 9_000_000 }, TENCENT);
    expect(tencent.violations.map((v) => v.rule)).toEqual(['bytes']);
    expect(tencent.action).toMatchObject({ kind: 'transcode', width: 1280, height: 720, bitsPerSecond: 1_000_000 });
    // A 5 s clip under a tight limit: 80 % of 7,500,000 raw bytes over (5 + 1 s buffer) → 8 Mbps ceiling, so still 1 Mbps.
    // With a tiny limit the ceiling binds: 200 KB over 4.5 s of budget → 284 kbps.
    const tight: FitProvider = { ...GLAIR, limits: { ...GLAIR.limits, video: { ...GLAIR.limits.video!, maxBytes: 200_000 } } };
    const action = planForProvider({ probe, byteLength: 400_000 }, tight).action;
    expect(action).toMatchObject({ kind: 'transcode', bitsPerSecond: 284_000 });
  });

  it('the base64 rule: 7.6 MB raw passes GLAIR-style raw counting but not Tencent (10.1 MB as base64)', () => {
    const probe = recordingProbe();
    expect(planForProvider({ probe, byteLength: 5_900_000 }, GLAIR).action).toEqual({ kind: 'as-is' });
    expect(planForProvider({ probe, byteLength: 7_600_000 }, TENCENT).action).toMatchObject({ kind: 'transcode' });
    expect(planForProvider({ probe, byteLength: 7_400_000 }, TENCENT).action).toEqual({ kind: 'as-is' });
  });

  it('a trim that would drop under Alibaba’s 100 KB minimum re-encodes at a bitrate that reaches it', () => {
    // 130 KB over 3.5 s → ~104 KB after the cut: too close to 102,401 bytes for a stream copy.
    const plan = planForProvider({ probe: recordingProbe(), byteLength: 130_000 }, ALIBABA_INTL);
    expect(plan.action).toMatchObject({ kind: 'transcode', durationS: 2.8, bitsPerSecond: 1_000_000 });
    // Already too small at 3 s: the re-encode is asked for 1.5 × the minimum.
    const small = planForProvider({ probe: recordingProbe({ durationS: 2 }), byteLength: 60_000 }, ALIBABA_CN);
    expect(small.violations.map((v) => v.rule)).toEqual(['bytes']);
    expect(small.action).toMatchObject({ kind: 'transcode', durationS: null, bitsPerSecond: 1_000_000 });
  });

  it('impossible: a real 0.4 s clip is too short for every vendor, with the reason', () => {
    const short = videoFixture('h264_320x240_0.4s.mp4');
    const plan = planFitting(short, ALL_VENDORS);
    expect(plan.jobs).toEqual([]);
    expect(plan.impossible.map((p) => p.providerId)).toEqual(['tencent', 'finauth', 'alibaba-intl', 'glair', 'alibaba-cn']);
    expect(plan.impossible[0]?.reason).toBe('clip is 0.4 s; this provider needs 2–5 s');
    expect(plan.impossible.find((p) => p.providerId === 'alibaba-intl')?.reason).toBe('clip is 0.4 s; this provider needs 1–3 s');
  });

  it('impossible: 1.5 s is fine for Alibaba and GLAIR but too short for Tencent and FinAuth', () => {
    const plan = planFitting({ probe: recordingProbe({ durationS: 1.5 }), byteLength: 150_000 }, ALL_VENDORS);
    expect(plan.impossible.map((p) => p.providerId)).toEqual(['tencent', 'finauth']);
    expect(plan.asIs).toEqual(['alibaba-intl', 'glair', 'alibaba-cn']);
  });

  it('impossible: too few frames per second cannot be invented', () => {
    const action = planForProvider({ probe: recordingProbe({ fps: 10 }), byteLength: RECORDING_BYTES }, FINAUTH).action;
    expect(action).toEqual({ kind: 'impossible', reason: 'clip runs at 10 fps; this provider needs 15–30.5 fps' });
  });

  it('impossible: a provider that takes only stills', () => {
    const stillsOnly: FitProvider = { id: 'local', limits: { preferred: 'image', image: TENCENT.limits.image! } };
    expect(planForProvider({ probe: recordingProbe(), byteLength: RECORDING_BYTES }, stillsOnly).action).toMatchObject({
      kind: 'impossible',
      reason: expect.stringContaining('still image'),
    });
  });

  it('impossible: size limits no bitrate can meet', () => {
    const squeezed: FitProvider = {
      ...ALIBABA_INTL,
      limits: { ...ALIBABA_INTL.limits, video: { ...ALIBABA_INTL.limits.video!, maxBytes: 120_000 } },
    };
    expect(planForProvider({ probe: recordingProbe(), byteLength: RECORDING_BYTES }, squeezed).action).toMatchObject({
      kind: 'impossible',
      reason: expect.stringContaining('size limits'),
    });
  });
});

describe('cutPoint and fitSize', () => {
  it('cuts TRIM_MARGIN_S under the maximum, or mid-window when the window is narrow', () => {
    expect(cutPoint({ min: 1, max: 3 })).toBe(3 - TRIM_MARGIN_S);
    expect(cutPoint({ min: 2, max: 5 })).toBe(4.8);
    expect(cutPoint({ min: 2, max: 2.2 })).toBe(2.1);
  });

  it('scales down into the box, keeps the aspect, never scales up, and keeps both sides even', () => {
    const box720 = { maxLongSidePx: 1280, maxShortSidePx: 720 };
    expect(fitSize({ width: 1920, height: 1080 }, box720)).toEqual({ width: 1280, height: 720 });
    expect(fitSize({ width: 1080, height: 1920 }, box720)).toEqual({ width: 720, height: 1280 });
    expect(fitSize({ width: 640, height: 480 }, box720)).toEqual({ width: 640, height: 480 });
    // 4:3 at 1440×1080 is bound by the short side: 960×720.
    expect(fitSize({ width: 1440, height: 1080 }, box720)).toEqual({ width: 960, height: 720 });
    // Odd sides (which yuv420p cannot encode) round down to even ones.
    expect(fitSize({ width: 641, height: 481 }, box720)).toEqual({ width: 640, height: 480 });
  });
});
