import { describe, expect, it } from 'vitest';
import type { FaceDetectionLike } from '../guidance/guidance';
import { FACE_BOX_SAMPLE_INTERVAL_MS, TelemetryCollector } from './telemetry';

const frame = { width: 640, height: 480 };
const faceAt = (x: number, score = 0.9567): FaceDetectionLike => ({
  boundingBox: { originX: x + 0.4, originY: 100.6, width: 130.2, height: 130.2 },
  categories: [{ score }],
});

const extra = {
  recorderMimeType: 'video/mp4;codecs=avc1',
  requestedMimeType: 'video/mp4;codecs=avc1',
  cameraLabel: 'Fake camera',
  trackSettings: { width: 640, height: 480, frameRate: 25 },
  detectorMsMedian: 12.345,
  detectorFrames: 120,
  clipBytes: 200_000,
  userAgent: 'test',
  retakes: 1,
};

describe('TelemetryCollector', () => {
  it('records how recording started and the median frame brightness/sharpness while recording', () => {
    const c = new TelemetryCollector();
    c.noteFrame(0, [faceAt(10)], frame, 'ready', { meanLuma: 20, laplacianVariance: 1, sharpness: 0.01 }); // ignored
    c.startRecording(1000, 'auto');
    c.noteFrame(1000, [faceAt(10)], frame, 'ready', { meanLuma: 120.4, laplacianVariance: 2900, sharpness: 0.7 });
    c.noteFrame(1040, [faceAt(10)], frame, 'ready', { meanLuma: 130.6, laplacianVariance: 3100, sharpness: 0.75 });
    c.noteFrame(1080, [faceAt(10)], frame, 'ready', null);
    c.stopRecording(2000);
    const t = c.build(extra);
    expect(t.startedBy).toBe('auto');
    expect(t.retakes).toBe(1);
    expect(t.meanLumaMedian).toBe(126);
    expect(t.sharpnessMedian).toBe(0.73);
    const none = new TelemetryCollector();
    none.startRecording(0);
    expect(none.build(extra)).toMatchObject({ startedBy: null, meanLumaMedian: null, sharpnessMedian: null });
  });

  it('ignores frames before recording and samples boxes ~5/s while recording', () => {
    const c = new TelemetryCollector();
    c.noteFrame(0, [faceAt(10)], frame, 'ready'); // before recording: ignored
    c.noteHint(0, 'ready');
    c.startRecording(1000);
    // 25 fps for 1 s → 25 frames, sampled every 200 ms → 5 samples
    for (let i = 0; i < 25; i++) c.noteFrame(1000 + i * 40, [faceAt(i)], frame, 'ready');
    c.stopRecording(2000);
    c.noteFrame(2100, [faceAt(99)], frame, 'ready'); // after: ignored
    const t = c.build(extra);
    expect(t.faceBoxes.map((b) => b.t)).toEqual([0, 200, 400, 600, 800]);
    expect(t.faceBoxes[1]).toEqual({ t: 200, x: 5, y: 101, w: 130, h: 130, score: 0.957 });
    expect(t.frameHints).toEqual({ ready: 25 });
    expect(t.recordingMs).toBe(1000);
    expect(t.frameSize).toEqual(frame);
    expect(t.detectorMsMedian).toBe(12.3);
    expect(FACE_BOX_SAMPLE_INTERVAL_MS).toBe(200);
  });

  it('samples on a fixed grid so frame spacing does not lower the rate', () => {
    const c = new TelemetryCollector();
    c.startRecording(0);
    for (let i = 0; i * 45 <= 1080; i++) c.noteFrame(i * 45, [faceAt(0)], frame, 'ready');
    expect(c.build(extra).faceBoxes.map((b) => b.t)).toEqual([0, 225, 405, 630, 810, 1035]);
  });

  it('records the hint history during recording, starting with the hint at Record', () => {
    const c = new TelemetryCollector();
    c.noteHint(0, 'no_face'); // first judged frame: guidance starts
    c.noteHint(500, 'move_closer');
    c.noteHint(900, 'ready');
    c.startRecording(1500);
    c.noteHint(2100, 'no_face'); // face lost mid-recording
    c.noteHint(2600, 'ready');
    c.stopRecording(4500);
    const t = c.build(extra);
    expect(t.hints).toEqual([
      { t: 0, hint: 'ready' },
      { t: 600, hint: 'no_face' },
      { t: 1100, hint: 'ready' },
    ]);
    expect(t.guidanceMs).toBe(1500);
    expect(t.hintChangesBeforeRecording).toBe(2);
  });

  it('keeps every face of a multi-face sample and counts raw hints', () => {
    const c = new TelemetryCollector();
    c.startRecording(0);
    c.noteFrame(0, [faceAt(10), faceAt(300)], frame, 'multiple_faces');
    c.noteFrame(40, [], frame, 'no_face');
    const t = c.build(extra);
    expect(t.faceBoxes).toHaveLength(2);
    expect(t.frameHints).toEqual({ multiple_faces: 1, no_face: 1 });
  });

  it('omits requestedMimeType when it equals the produced type', () => {
    const c = new TelemetryCollector();
    expect(c.build(extra)).not.toHaveProperty('requestedMimeType');
    expect(
      c.build({ ...extra, recorderMimeType: 'video/x-matroska;codecs=avc1', requestedMimeType: 'video/webm;codecs=h264' }),
    ).toMatchObject({ requestedMimeType: 'video/webm;codecs=h264' });
  });
});
