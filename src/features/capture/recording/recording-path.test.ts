import { describe, expect, it } from 'vitest';
import { ALIBABA_INTL, TENCENT } from '../fitting/vendors.test-helpers';
import { chooseRecordingPath, liveEncodeAllowedFrom, type RecordingPathInputs } from './recording-path';

const webm = { recorderMimeType: 'video/webm;codecs=vp9', width: 640, height: 480, frameRate: 25 };
const mp4 = { ...webm, recorderMimeType: 'video/mp4;codecs=avc1' };
const inputs = (over: Partial<RecordingPathInputs> = {}): RecordingPathInputs => ({
  providers: [TENCENT, ALIBABA_INTL],
  camera: webm,
  engine: 'auto',
  allowed: true,
  failedBefore: false,
  canEncodeLive: async () => true,
  ...over,
});

describe('chooseRecordingPath (encode while recording, or the recorder and fitting after it)', () => {
  it('live encoding when the recorder’s file would need a re-encode and the browser can encode live', async () => {
    expect(await chooseRecordingPath(inputs())).toMatchObject({ kind: 'live-encode', action: { kind: 'transcode' } });
  });

  it('the recorder when a stream copy will do (Chromium’s MP4): that path is already fast', async () => {
    expect(await chooseRecordingPath(inputs({ camera: mp4 }))).toEqual({ kind: 'recorder', reason: 'no_re_encode_needed' });
  });

  it('the recorder in a browser without MediaStreamTrackProcessor / an H.264 encoder (Firefox, Safari): today’s paths', async () => {
    expect(await chooseRecordingPath(inputs({ canEncodeLive: async () => false }))).toEqual({
      kind: 'recorder',
      reason: 'unsupported',
    });
  });

  it('the recorder with ?live-encode=off, with ?fitting=ffmpeg, and after live encoding failed once on the page', async () => {
    expect(await chooseRecordingPath(inputs({ allowed: false }))).toEqual({ kind: 'recorder', reason: 'turned_off' });
    expect(await chooseRecordingPath(inputs({ engine: 'ffmpeg' }))).toEqual({ kind: 'recorder', reason: 'turned_off' });
    expect(await chooseRecordingPath(inputs({ failedBefore: true }))).toEqual({ kind: 'recorder', reason: 'failed_before' });
  });

  it('never asks the encoder when nothing would be encoded', async () => {
    let asked = 0;
    const canEncodeLive = async () => (asked++, true);
    await chooseRecordingPath(inputs({ camera: mp4, canEncodeLive }));
    await chooseRecordingPath(inputs({ providers: [], canEncodeLive }));
    expect(asked).toBe(0);
  });
});

describe('liveEncodeAllowedFrom', () => {
  it('on unless ?live-encode=off', () => {
    expect(liveEncodeAllowedFrom('')).toBe(true);
    expect(liveEncodeAllowedFrom('?lang=en')).toBe(true);
    expect(liveEncodeAllowedFrom('?live-encode=off')).toBe(false);
  });
});
