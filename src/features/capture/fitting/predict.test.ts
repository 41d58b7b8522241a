import { describe, expect, it } from 'vitest';
import type { FitJobAction } from './plan';
import { ffmpegLikelyNeeded, likelyFittingJobs, predictRecording } from './predict';
import { ALIBABA_INTL, ALL_VENDORS, FINAUTH, GLAIR, TENCENT } from './vendors.test-helpers';

const chromeMp4 = { recorderMimeType: 'video/mp4;codecs=avc1', width: 640, height: 480, frameRate: 25 };
const kinds = (jobs: FitJobAction[]) => jobs.map((j) => j.kind);

describe('likelyFittingJobs (what fitting will probably do, guessed while the person is being guided)', () => {
  it('nothing for Tencent, FinAuth and GLAIR with an MP4 recorder: the 3.5 s recording fits them as-is', () => {
    expect(likelyFittingJobs([TENCENT, FINAUTH, GLAIR], chromeMp4)).toEqual([]);
  });

  it('a stream-copy trim as soon as an Alibaba (1–3 s) is chosen', () => {
    expect(kinds(likelyFittingJobs([TENCENT, ALIBABA_INTL], chromeMp4))).toEqual(['trim']);
    expect(likelyFittingJobs(ALL_VENDORS, chromeMp4).length).toBeGreaterThan(0);
  });

  it('a re-encode for a WebM recorder (Firefox) or a 1080p camera, whatever is chosen', () => {
    expect(kinds(likelyFittingJobs([TENCENT], { recorderMimeType: 'video/webm;codecs=vp8' }))).toEqual(['transcode']);
    expect(kinds(likelyFittingJobs([TENCENT], { ...chromeMp4, width: 1920, height: 1080 }))).toEqual(['transcode']);
  });

  it('never with nothing chosen', () => {
    expect(likelyFittingJobs([], { recorderMimeType: undefined })).toEqual([]);
  });

  it('predicts Chromium’s webm;codecs=h264 as Matroska/H.264 (it reports video/x-matroska)', () => {
    expect(predictRecording({ recorderMimeType: 'video/webm;codecs=h264' }).probe).toMatchObject({
      container: 'mkv',
      codec: 'h264',
    });
  });
});

describe('ffmpegLikelyNeeded (whether to download the ffmpeg core early)', () => {
  const webm = likelyFittingJobs([TENCENT, ALIBABA_INTL], { recorderMimeType: 'video/webm;codecs=vp9' });
  const trim = likelyFittingJobs([ALIBABA_INTL], chromeMp4);
  const yes = async () => true;
  const no = async () => false;

  it('not when the browser can do every job itself (re-encodes and stream copies)', async () => {
    expect(kinds(webm)).toEqual(['transcode', 'transcode']);
    expect(await ffmpegLikelyNeeded(webm, 'auto', yes)).toBe(false);
    expect(kinds(trim)).toEqual(['trim']);
    expect(await ffmpegLikelyNeeded(trim, 'auto', yes)).toBe(false);
  });

  it('yes when the browser cannot do a job (e.g. no usable H.264 encoder), or ?fitting=ffmpeg', async () => {
    expect(await ffmpegLikelyNeeded(webm, 'auto', no)).toBe(true);
    expect(await ffmpegLikelyNeeded(webm, 'ffmpeg', yes)).toBe(true);
    const onlyCopies = async (job: FitJobAction) => job.kind !== 'transcode';
    expect(await ffmpegLikelyNeeded([...trim, ...webm], 'auto', onlyCopies)).toBe(true);
  });

  it('not with no jobs', async () => {
    expect(await ffmpegLikelyNeeded([], 'ffmpeg', yes)).toBe(false);
  });
});
