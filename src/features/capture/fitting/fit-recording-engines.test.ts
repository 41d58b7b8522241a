/** fitRecording's engine choice: the browser (Mediabunny, WebCodecs) where it can, ffmpeg.wasm elsewhere and as the fallback. */
import { describe, expect, it, vi } from 'vitest';
import { fixture } from '@contract/media/test-fixtures';
import type { RecordedClip } from '../machine/machine';
import { fitRecording, type FitRecordingOptions } from './fit-recording';
import type { FfmpegCoreUrls } from './ffmpeg-core';
import type { FfmpegJobOptions, FfmpegJobResult } from './run-ffmpeg';
import type { BrowserFitJobOptions } from './run-browser-fit';
import { ALIBABA_INTL, TENCENT } from './vendors.test-helpers';

/** A VP8 WebM as Firefox records it: every vendor needs an MP4/H.264 re-encode. */
const webmClip = (): RecordedClip => {
  const bytes = fixture('mediarecorder_vp8_opus_640x480.webm');
  return {
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'video/webm' }),
    mimeType: 'video/webm;codecs=vp8,opus',
    fileName: 'capture.webm',
    telemetry: {},
  };
};

/** A clip that fits Tencent (2–5 s) and Alibaba intl (1–3 s). */
const GOOD_OUTPUT = 'mediarecorder_h264_640x480.mp4';

function engines(options: { browserOutput?: string; browserError?: Error; canUse?: boolean; ffmpegOutput?: string }) {
  const core: FfmpegCoreUrls = { coreURL: 'blob:core', wasmURL: 'blob:wasm', fetchMs: 5 };
  const loadCore = vi.fn(async () => core);
  const runJob = vi.fn(async (_: FfmpegJobOptions): Promise<FfmpegJobResult> => ({
    bytes: fixture(options.ffmpegOutput ?? GOOD_OUTPUT),
    loadMs: 300,
    execMs: 2500,
  }));
  const canFitInBrowser = vi.fn(async () => options.canUse ?? true);
  const runBrowserJob = vi.fn(async (job: BrowserFitJobOptions): Promise<FfmpegJobResult> => {
    job.onProgress?.(0.5);
    if (options.browserError) throw options.browserError;
    return { bytes: fixture(options.browserOutput ?? GOOD_OUTPUT), loadMs: 50, execMs: 600 };
  });
  return { loadCore, runJob, canFitInBrowser, runBrowserJob } satisfies FitRecordingOptions;
}

/** A real Chromium MediaRecorder MP4: 2.97 s, H.264. */
const mp4Clip = (): RecordedClip => {
  const bytes = fixture('mediarecorder_h264_640x480.mp4');
  return { blob: new Blob([bytes as Uint8Array<ArrayBuffer>]), mimeType: 'video/mp4', fileName: 'capture.mp4', telemetry: {} };
};

/** 2.97 s fits Alibaba intl as-is; a 0.3–2.5 s window (and no byte minimum) makes it a trim, and the 0.4 s stand-in output fit. */
const SHORT_ALIBABA = {
  ...ALIBABA_INTL,
  limits: {
    ...ALIBABA_INTL.limits,
    video: { ...ALIBABA_INTL.limits.video!, durationS: { min: 0.3, max: 2.5 }, minBytes: undefined },
  },
};

type Jobs = Array<{ kind: string; engine: string; browserFailure?: string; loadMs: number; execMs: number }>;
const fittingOf = (telemetry: Record<string, unknown>) =>
  telemetry.fitting as { jobs: Jobs; coreWaitMs?: number; coreFetchMs?: number };

describe('fitRecording: the browser does the jobs it can, ffmpeg.wasm the rest', () => {
  it('re-encodes with WebCodecs and never loads the ffmpeg core when it can', async () => {
    const run = engines({});
    const progress: number[] = [];
    const upload = await fitRecording(webmClip(), [TENCENT], { ...run, onProgress: (f) => progress.push(f) });
    expect(run.runBrowserJob).toHaveBeenCalledTimes(1);
    expect(run.runBrowserJob.mock.calls[0]?.[0].action).toMatchObject({ kind: 'transcode', width: 640, height: 480 });
    expect(run.loadCore).not.toHaveBeenCalled();
    expect(run.runJob).not.toHaveBeenCalled();
    expect(upload.shared).toMatchObject({ mimeType: 'video/mp4', fileName: 'capture-transcode.mp4' });
    expect(progress).toEqual([0, 0.5, 1]);
    const fitting = fittingOf(upload.telemetry);
    expect(fitting.jobs).toEqual([expect.objectContaining({ kind: 'transcode', engine: 'webcodecs', loadMs: 50, execMs: 600 })]);
    expect(fitting.jobs[0]).not.toHaveProperty('browserFailure');
    expect(fitting).not.toHaveProperty('coreWaitMs');
  });

  it('asks the encoder check about the very job it would run (size, rate and bitrate)', async () => {
    const run = engines({});
    await fitRecording(webmClip(), [TENCENT], run);
    expect(run.canFitInBrowser).toHaveBeenCalledTimes(1);
    expect(run.canFitInBrowser.mock.calls[0]).toEqual([run.runBrowserJob.mock.calls[0]?.[0].action]);
  });

  it('uses ffmpeg.wasm where the browser has no usable H.264 encoder', async () => {
    const run = engines({ canUse: false });
    const upload = await fitRecording(webmClip(), [TENCENT], run);
    expect(run.runBrowserJob).not.toHaveBeenCalled();
    expect(run.runJob).toHaveBeenCalledTimes(1);
    expect(fittingOf(upload.telemetry)).toMatchObject({
      jobs: [{ engine: 'ffmpeg' }],
      coreWaitMs: expect.any(Number),
      coreFetchMs: 5,
    });
  });

  it('?fitting=ffmpeg: ffmpeg.wasm even where the browser could', async () => {
    const run = engines({});
    const upload = await fitRecording(webmClip(), [TENCENT], { ...run, engine: 'ffmpeg' });
    expect(run.canFitInBrowser).not.toHaveBeenCalled();
    expect(run.runBrowserJob).not.toHaveBeenCalled();
    expect(fittingOf(upload.telemetry).jobs.map((j) => j.engine)).toEqual(['ffmpeg']);
  });

  it("falls back to ffmpeg.wasm when the browser's job fails, and says why", async () => {
    const run = engines({ browserError: new Error('video track: undecodable_source_codec') });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const upload = await fitRecording(webmClip(), [TENCENT], run);
    warn.mockRestore();
    expect(run.runJob).toHaveBeenCalledTimes(1);
    expect(run.runJob.mock.calls[0]?.[0].action.kind).toBe('transcode');
    expect(fittingOf(upload.telemetry).jobs).toEqual([
      expect.objectContaining({ engine: 'ffmpeg', browserFailure: 'video track: undecodable_source_codec', execMs: 2500 }),
    ]);
  });

  it("falls back to ffmpeg.wasm when the browser's output misses a limit (never uploads it)", async () => {
    // The browser "returns" a 0.4 s clip: under Tencent's 2 s minimum.
    const run = engines({ browserOutput: 'h264_320x240_0.4s.mp4' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const upload = await fitRecording(webmClip(), [TENCENT], run);
    warn.mockRestore();
    expect(run.runJob).toHaveBeenCalledTimes(1);
    expect(upload.shared.blob.size).toBe(fixture(GOOD_OUTPUT).length);
    expect(fittingOf(upload.telemetry).jobs[0]?.browserFailure).toMatch(
      /^Tencent: clip is 0\.4 s; this provider needs 2–5 s \(after transcode\)\.$/,
    );
  });

  it('a cancelled browser job is not retried with ffmpeg', async () => {
    const run = engines({ browserError: new DOMException('Fitting cancelled', 'AbortError') });
    await expect(fitRecording(webmClip(), [TENCENT], run)).rejects.toMatchObject({ name: 'AbortError' });
    expect(run.runJob).not.toHaveBeenCalled();
    expect(run.loadCore).not.toHaveBeenCalled();
  });

  it('a stream copy runs in the browser too (Mediabunny, no WebCodecs needed)', async () => {
    const run = engines({ browserOutput: 'h264_320x240_0.4s.mp4' });
    const upload = await fitRecording(mp4Clip(), [SHORT_ALIBABA], run);
    expect(run.runBrowserJob.mock.calls[0]?.[0].action).toEqual({ kind: 'trim', durationS: 2.3 });
    expect(run.loadCore).not.toHaveBeenCalled();
    expect(fittingOf(upload.telemetry).jobs.map((j) => [j.kind, j.engine])).toEqual([['trim', 'mediabunny']]);
  });

  it('a stream copy falls back to ffmpeg.wasm like a re-encode', async () => {
    const run = engines({ browserError: new Error('video track: cannot_copy'), ffmpegOutput: 'h264_320x240_0.4s.mp4' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const upload = await fitRecording(mp4Clip(), [SHORT_ALIBABA], run);
    warn.mockRestore();
    expect(fittingOf(upload.telemetry).jobs).toEqual([
      expect.objectContaining({ kind: 'trim', engine: 'ffmpeg', browserFailure: 'video track: cannot_copy' }),
    ]);
  });
});
