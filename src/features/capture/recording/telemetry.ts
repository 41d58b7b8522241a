/**
 * Capture telemetry sent with the clip (`meta.telemetry`) so a reviewer can tell a bad capture
 * from a suspicious one. Pure bookkeeping: the page feeds it timestamps (performance.now() ms),
 * detections and hint changes; nothing here touches the DOM.
 */
import { median } from '../../../lib/stats';
import type { FrameQuality } from '../guidance/frame-quality';
import type { FaceDetectionLike, GuidanceHint } from '../guidance/guidance';
import type { RecordingTrigger, ShownHint } from '../machine/machine';

/** ~5 samples per second of face boxes while recording. */
export const FACE_BOX_SAMPLE_INTERVAL_MS = 200;

export interface FaceBoxSample {
  /** ms since the recording started */
  t: number;
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

export interface HintSample {
  /** ms since the recording started (0 = the hint on screen when Record was pressed) */
  t: number;
  hint: ShownHint;
}

export interface CaptureTelemetry {
  recorderMimeType: string;
  requestedMimeType?: string;
  cameraLabel: string;
  trackSettings: Record<string, unknown>;
  detectorMsMedian: number | null;
  detectorFrames: number;
  frameSize: { width: number; height: number } | null;
  faceBoxes: FaceBoxSample[];
  /** The shown (smoothed) hint over the recording, one entry per change. */
  hints: HintSample[];
  /** Per-frame (unsmoothed) hints counted over the recording. */
  frameHints: Partial<Record<GuidanceHint, number>>;
  /** Medians over the recording of the 64×48 frame sample (null if it could not be read). */
  meanLumaMedian: number | null;
  sharpnessMedian: number | null;
  /** `auto`: after the countdown; `manual`: the fallback Record button. */
  startedBy: RecordingTrigger | null;
  /** Time from the first judged frame to the recording start, and hint changes in that time. */
  guidanceMs: number | null;
  hintChangesBeforeRecording: number;
  recordingMs: number;
  clipBytes: number;
  userAgent: string;
  /** Recordings discarded on this page before this one. */
  retakes: number;
}

const round = (n: number) => Math.round(n);
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const roundOrNull = (n: number | undefined, digits = 0) => (n === undefined ? null : Math.round(n * 10 ** digits) / 10 ** digits);

export class TelemetryCollector {
  private guidanceStartedAt: number | null = null;
  private hintChangesBeforeRecording = 0;
  private currentHint: ShownHint = 'loading';
  private recordingStartedAt: number | null = null;
  private recordingEndedAt: number | null = null;
  private guidanceMs: number | null = null;
  /** ms since recording start at which the next face-box sample is due */
  private nextSampleAt = 0;
  private frameSize: { width: number; height: number } | null = null;
  readonly faceBoxes: FaceBoxSample[] = [];
  readonly hints: HintSample[] = [];
  readonly frameHints: Partial<Record<GuidanceHint, number>> = {};
  private readonly lumas: number[] = [];
  private readonly sharpness: number[] = [];
  private startedBy: RecordingTrigger | null = null;

  get recording(): boolean {
    return this.recordingStartedAt !== null && this.recordingEndedAt === null;
  }

  /** The shown hint changed (call for every change, recording or not). */
  noteHint(now: number, hint: ShownHint): void {
    if (hint === this.currentHint) return;
    this.currentHint = hint;
    if (this.recording) {
      this.hints.push({ t: round(now - (this.recordingStartedAt as number)), hint });
    } else if (this.recordingStartedAt === null) {
      if (this.guidanceStartedAt === null) this.guidanceStartedAt = now;
      else this.hintChangesBeforeRecording += 1;
    }
  }

  /** One detector frame. Boxes are sampled ~5/s while recording. */
  noteFrame(
    now: number,
    detections: readonly FaceDetectionLike[],
    frame: { width: number; height: number },
    rawHint: GuidanceHint,
    quality: FrameQuality | null = null,
  ): void {
    if (!this.recording) return;
    this.frameSize ??= { width: frame.width, height: frame.height };
    this.frameHints[rawHint] = (this.frameHints[rawHint] ?? 0) + 1;
    if (quality) {
      this.lumas.push(quality.meanLuma);
      this.sharpness.push(quality.sharpness);
    }
    const elapsed = now - (this.recordingStartedAt as number);
    // Sample on a fixed 200 ms grid (not "200 ms since the last sample"), so 25 fps frames at
    // 40 ms spacing give 5 samples/s instead of drifting to one every 240 ms.
    if (elapsed < this.nextSampleAt) return;
    this.nextSampleAt = (Math.floor(elapsed / FACE_BOX_SAMPLE_INTERVAL_MS) + 1) * FACE_BOX_SAMPLE_INTERVAL_MS;
    const t = round(elapsed);
    for (const d of detections) {
      const b = d.boundingBox;
      if (!b) continue;
      this.faceBoxes.push({
        t,
        x: round(b.originX),
        y: round(b.originY),
        w: round(b.width),
        h: round(b.height),
        score: round3(d.categories?.[0]?.score ?? 0),
      });
    }
  }

  startRecording(now: number, startedBy: RecordingTrigger | null = null): void {
    this.recordingStartedAt = now;
    this.startedBy = startedBy;
    this.lumas.length = 0;
    this.sharpness.length = 0;
    this.recordingEndedAt = null;
    this.guidanceMs = this.guidanceStartedAt === null ? null : round(now - this.guidanceStartedAt);
    this.hints.length = 0;
    this.faceBoxes.length = 0;
    this.nextSampleAt = 0;
    for (const k of Object.keys(this.frameHints)) delete this.frameHints[k as GuidanceHint];
    this.hints.push({ t: 0, hint: this.currentHint });
  }

  stopRecording(now: number): void {
    if (this.recordingStartedAt !== null && this.recordingEndedAt === null) this.recordingEndedAt = now;
  }

  build(extra: {
    recorderMimeType: string;
    requestedMimeType?: string;
    cameraLabel: string;
    trackSettings: Record<string, unknown>;
    detectorMsMedian: number | null;
    detectorFrames: number;
    clipBytes: number;
    userAgent: string;
    /** Recordings discarded on this page before this one. */
    retakes: number;
  }): CaptureTelemetry {
    const start = this.recordingStartedAt ?? 0;
    const end = this.recordingEndedAt ?? start;
    return {
      recorderMimeType: extra.recorderMimeType,
      ...(extra.requestedMimeType && extra.requestedMimeType !== extra.recorderMimeType
        ? { requestedMimeType: extra.requestedMimeType }
        : {}),
      cameraLabel: extra.cameraLabel,
      trackSettings: extra.trackSettings,
      detectorMsMedian: extra.detectorMsMedian === null ? null : Math.round(extra.detectorMsMedian * 10) / 10,
      detectorFrames: extra.detectorFrames,
      frameSize: this.frameSize,
      faceBoxes: [...this.faceBoxes],
      hints: [...this.hints],
      frameHints: { ...this.frameHints },
      meanLumaMedian: roundOrNull(median(this.lumas)),
      sharpnessMedian: roundOrNull(median(this.sharpness), 2),
      startedBy: this.startedBy,
      guidanceMs: this.guidanceMs,
      hintChangesBeforeRecording: this.hintChangesBeforeRecording,
      recordingMs: round(end - start),
      clipBytes: extra.clipBytes,
      userAgent: extra.userAgent,
      retakes: extra.retakes,
    };
  }
}
