import { describe, expect, it } from 'vitest';
import { noteUploadReady } from './fitting-stats';

const fitting = { plans: { 'alibaba-intl': 'trim' }, jobs: [{ kind: 'trim', execMs: 80 }], totalMs: 300 };

describe('fitting stats', () => {
  it('splits recording end → upload-ready into recorder flush, hand-over and fitting', () => {
    const run = noteUploadReady({
      recording: { stoppedAt: 1000, clipReadyAt: 1040.4 },
      recorderMimeType: 'video/mp4;codecs=avc1',
      fittingStartedAt: 1050,
      readyAt: 1400.6,
      telemetry: { fitting },
    });
    expect(run).toEqual({
      recorderMimeType: 'video/mp4;codecs=avc1',
      plans: { 'alibaba-intl': 'trim' },
      recordingEndToReadyMs: 401,
      recorderFlushMs: 40,
      handOverMs: 10,
      fittingMs: 351,
      detail: fitting,
    });
  });

  it('without a seen stop time the end-to-end figure is null, not a guess; without the timing only fitting is timed', () => {
    const recording = { stoppedAt: null, clipReadyAt: 500 };
    const webm = { recorderMimeType: 'video/webm', telemetry: {} };
    const first = noteUploadReady({ recording, ...webm, fittingStartedAt: 510, readyAt: 600 });
    expect([first.recordingEndToReadyMs, first.recorderFlushMs, first.handOverMs, first.fittingMs]).toEqual([null, null, 10, 90]);
    expect(first.plans).toEqual({});
    const again = noteUploadReady({ recorderMimeType: 'video/webm', fittingStartedAt: 700, readyAt: 750, telemetry: {} });
    expect([again.recordingEndToReadyMs, again.handOverMs]).toEqual([null, 0]);
  });
});
