import { describe, expect, it, vi } from 'vitest';
import { fixture } from '@contract/media/test-fixtures';
import type { RecordedClip } from '../machine/machine';
import { FittingError, fitRecording, type FitRecordingOptions } from './fit-recording';
import type { FfmpegCoreUrls } from './ffmpeg-core';
import type { FfmpegJobOptions, FfmpegJobResult } from './run-ffmpeg';
import { ALIBABA_CN, ALIBABA_INTL, ALL_VENDORS, GLAIR, TENCENT } from './vendors.test-helpers';

function clipOf(name: string, mimeType: string): RecordedClip {
  const bytes = fixture(name);
  return {
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }),
    mimeType,
    fileName: `capture.${name.split('.').pop()}`,
    telemetry: {},
  };
}

/** ffmpeg stand-in: "makes" the given fixture, and records what it was asked to do. */
function fakeFfmpeg(outputFixture: string) {
  const core: FfmpegCoreUrls = { coreURL: 'blob:core', wasmURL: 'blob:wasm', fetchMs: 5 };
  const loadCore = vi.fn(async () => core);
  const runJob = vi.fn(async (options: FfmpegJobOptions): Promise<FfmpegJobResult> => {
    options.onProgress?.(0.5);
    return { bytes: fixture(outputFixture), loadMs: 1, execMs: 2 };
  });
  return { loadCore, runJob } satisfies FitRecordingOptions;
}

describe('fitRecording', () => {
  it('every plan as-is: no core, no ffmpeg, the recording is the one shared file', async () => {
    // A real MediaRecorder clip: 2.97 s, 146 KB, 640×480 fragmented MP4 fits every vendor.
    const clip = clipOf('mediarecorder_h264_640x480.mp4', 'video/mp4;codecs=avc1');
    const ffmpeg = fakeFfmpeg('unused');
    const upload = await fitRecording(clip, ALL_VENDORS, ffmpeg);
    expect(ffmpeg.loadCore).not.toHaveBeenCalled();
    expect(ffmpeg.runJob).not.toHaveBeenCalled();
    expect(upload.shared.blob).toBe(clip.blob);
    expect(upload.perProvider).toEqual([]);
    expect(upload.telemetry).toMatchObject({ fitting: { plans: { tencent: 'as-is', 'alibaba-cn': 'as-is' }, jobs: [] } });
  });

  it('no providers known (the list did not load): the recording goes up untouched, unprobed', async () => {
    const clip: RecordedClip = {
      blob: new Blob(['not a video']),
      mimeType: 'video/webm',
      fileName: 'capture.webm',
      telemetry: {},
    };
    const upload = await fitRecording(clip, [], fakeFfmpeg('unused'));
    expect(upload).toEqual({
      shared: { blob: clip.blob, mimeType: 'video/webm', fileName: 'capture.webm' },
      perProvider: [],
      telemetry: {},
    });
  });

  it('runs one job per distinct plan, verifies it, and gives each provider whose file differs its own', async () => {
    // 3.0 s but only 87 KB: under Alibaba's 100 KB minimum → transcode for both Alibabas (one job); the rest as-is.
    const clip = clipOf('h264_640x480_3s.mp4', 'video/mp4');
    const ffmpeg = fakeFfmpeg('mediarecorder_h264_640x480.mp4');
    const progress: number[] = [];
    const upload = await fitRecording(clip, [TENCENT, ALIBABA_INTL, GLAIR, ALIBABA_CN], {
      ...ffmpeg,
      onProgress: (f) => progress.push(f),
    });
    expect(ffmpeg.runJob).toHaveBeenCalledTimes(1);
    expect(ffmpeg.runJob.mock.calls[0]?.[0]).toMatchObject({
      action: { kind: 'transcode' },
      inputName: 'input.mp4',
      inputDurationS: 3,
    });
    expect(upload.shared.blob).toBe(clip.blob);
    expect(upload.perProvider.map((p) => p.providerId)).toEqual(['alibaba-intl', 'alibaba-cn']);
    expect(upload.perProvider[0]?.file).toBe(upload.perProvider[1]?.file);
    expect(upload.perProvider[0]?.file).toMatchObject({ mimeType: 'video/mp4', fileName: 'capture-transcode.mp4' });
    expect(upload.perProvider[0]?.file.blob.size).toBe(146_504);
    expect(progress).toEqual([0, 0.5, 1]);
    expect(upload.telemetry).toMatchObject({
      fitting: { jobs: [{ kind: 'transcode', providers: ['alibaba-intl', 'alibaba-cn'], bytes: 146_504, loadMs: 1, execMs: 2 }] },
    });
    // What fitting started from (a low frame rate also makes re-encoding cheaper: figures need it).
    const recording = (upload.telemetry.fitting as { recording: Record<string, unknown> }).recording;
    expect(recording).toMatchObject({ codec: 'h264', durationS: 3 });
    expect(recording.fps).toBeGreaterThan(0);
  });

  it('when no provider takes the recording, the output most of them share becomes the shared file', async () => {
    const clip = clipOf('mediarecorder_vp8_opus_640x480.webm', 'video/webm;codecs=vp8,opus');
    const ffmpeg = fakeFfmpeg('mediarecorder_h264_640x480.mp4');
    const upload = await fitRecording(clip, ALL_VENDORS, ffmpeg);
    expect(ffmpeg.runJob).toHaveBeenCalledTimes(1);
    expect(upload.shared).toMatchObject({ mimeType: 'video/mp4', fileName: 'capture-transcode.mp4' });
    expect(upload.perProvider).toEqual([]);
  });

  it('an output that still misses a limit is refused, naming the vendor and the limit', async () => {
    const clip = clipOf('h264_640x480_3s.mp4', 'video/mp4');
    // ffmpeg "returns" a 0.4 s clip.
    const attempt = fitRecording(clip, [TENCENT, ALIBABA_INTL], fakeFfmpeg('h264_320x240_0.4s.mp4'));
    await expect(attempt).rejects.toBeInstanceOf(FittingError);
    await expect(attempt).rejects.toThrow('Alibaba intl: clip is 0.4 s; this provider needs 1–3 s (after transcode).');
  });

  it('an impossible plan fails before any download, with every reason', async () => {
    const clip = clipOf('h264_320x240_0.4s.mp4', 'video/mp4');
    const ffmpeg = fakeFfmpeg('unused');
    await expect(fitRecording(clip, [TENCENT, ALIBABA_INTL], ffmpeg)).rejects.toThrow(
      'Tencent: clip is 0.4 s; this provider needs 2–5 s. Alibaba intl: clip is 0.4 s; this provider needs 1–3 s.',
    );
    expect(ffmpeg.loadCore).not.toHaveBeenCalled();
  });

  it('a recording the probe cannot read fails clearly', async () => {
    const clip: RecordedClip = {
      blob: new Blob(['not a video']),
      mimeType: 'video/webm',
      fileName: 'capture.webm',
      telemetry: {},
    };
    await expect(fitRecording(clip, [TENCENT], fakeFfmpeg('unused'))).rejects.toThrow(/^The recording could not be read: /);
  });
});
