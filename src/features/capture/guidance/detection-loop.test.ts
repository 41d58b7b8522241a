import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPresentedCounter, sameOrientation, startDetectionLoop, type DetectionFrame } from './detection-loop';

interface FakeFrame {
  timestamp: number;
  displayWidth: number;
  displayHeight: number;
  closed: boolean;
  close(): void;
}

const fakeFrame = (i: number): FakeFrame => ({
  timestamp: i * 40_000,
  displayWidth: 640,
  displayHeight: 480,
  closed: false,
  close() {
    this.closed = true;
  },
});

/**
 * A MediaStreamTrackProcessor stand-in: hands out `frames` one read at a time; `totals[i]` is its
 * totalFrames when frame i is read (a jump = frames the camera delivered that were discarded).
 */
function installProcessor(frames: FakeFrame[], totals: number[] | null, failWith?: Error) {
  const cancelled = { value: false };
  let index = 0;
  class FakeProcessor {
    readonly readable: ReadableStream<FakeFrame>;
    totalFrames: number | undefined = undefined;
    constructor(init: { track: unknown }) {
      expect(init.track).toBe(clone);
      this.readable = new ReadableStream<FakeFrame>(
        {
          pull: (controller) => {
            if (failWith) return controller.error(failWith);
            if (index >= frames.length) return controller.close();
            if (totals) this.totalFrames = totals[index];
            controller.enqueue(frames[index++]!);
          },
          cancel: () => {
            cancelled.value = true;
          },
        },
        { highWaterMark: 0 },
      );
    }
  }
  vi.stubGlobal('MediaStreamTrackProcessor', FakeProcessor);
  const clone = { stopped: false, getSettings: () => ({ frameRate: 25 }), stop: vi.fn() };
  const track = { clone: () => clone } as unknown as MediaStreamTrack;
  return { track, clone, cancelled };
}

/** A preview with requestVideoFrameCallback; `present(n)` runs the pending callback as the nth presented frame. */
function fakeVideo() {
  let pending: ((now: number, metadata: { presentedFrames: number }) => void) | null = null;
  const video = {
    readyState: 4,
    videoWidth: 640,
    videoHeight: 480,
    currentTime: 0,
    requestVideoFrameCallback: (cb: typeof pending) => {
      pending = cb;
      return 1;
    },
    cancelVideoFrameCallback: () => {
      pending = null;
    },
  };
  const present = (presentedFrames: number) => {
    const cb = pending;
    pending = null;
    cb?.(0, { presentedFrames });
  };
  return { video: video as unknown as HTMLVideoElement, present, waiting: () => pending !== null };
}

function recorder() {
  const frames: DetectionFrame[] = [];
  const detector = { detectForVideo: vi.fn(() => ({ detections: [] })) };
  return { frames, detector, onFrame: (f: DetectionFrame) => frames.push(f), onError: vi.fn() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  vi.stubGlobal('window', {});
  // No 2D canvas here: the scaler hands the detector the frame itself.
  vi.stubGlobal('document', { createElement: () => ({ getContext: () => null }) });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('startDetectionLoop on the camera frames (MediaStreamTrackProcessor)', () => {
  it('judges every frame the camera delivers, closes each, and counts presented from the processor', async () => {
    const frames = [1, 2, 3, 4, 5].map(fakeFrame);
    // The camera delivered 6 frames: the processor discarded one between the 3rd and 4th read.
    const { track } = installProcessor(frames, [1, 2, 3, 5, 6]);
    const { video } = fakeVideo();
    const r = recorder();
    startDetectionLoop(video, track, r);
    await settle();
    expect(window.__guidanceLoop).toBe('camera');
    expect(r.frames.map((f) => f.presentedFrames)).toEqual([1, 2, 3, 5, 6]);
    expect(r.frames.every((f) => f.frame.width === 640 && f.frame.height === 480)).toBe(true);
    expect(r.frames.map((f) => f.source)).toEqual(frames);
    expect(frames.every((f) => f.closed)).toBe(true);
    // The fast path: detection on every other frame, the frames between judged with its boxes.
    expect(r.detector.detectForVideo).toHaveBeenCalledTimes(3);
    expect(r.frames.map((f) => f.ms === null)).toEqual([false, true, false, true, false]);
  });

  it('skips (and closes) frames inside the recording interval', async () => {
    const frames = [1, 2, 3].map(fakeFrame);
    const { track } = installProcessor(frames, [1, 2, 3]);
    const r = recorder();
    startDetectionLoop(fakeVideo().video, track, { ...r, minIntervalMs: () => 60_000 });
    await settle();
    expect(r.frames).toHaveLength(1);
    expect(frames.every((f) => f.closed)).toBe(true);
  });

  it('stop cancels the reader and stops its own clone of the track', async () => {
    const { track, clone, cancelled } = installProcessor([1, 2].map(fakeFrame), [1, 2]);
    const r = recorder();
    const stop = startDetectionLoop(fakeVideo().video, track, r);
    stop();
    await settle();
    expect(cancelled.value).toBe(true);
    expect(clone.stop).toHaveBeenCalled();
    expect(r.frames.length).toBeLessThanOrEqual(1);
  });

  it('reports a detector that keeps failing once and stops reading', async () => {
    const frames = Array.from({ length: 12 }, (_, i) => fakeFrame(i));
    const { track, clone } = installProcessor(frames, null);
    const onError = vi.fn();
    const detector = {
      detectForVideo: vi.fn(() => {
        throw new Error('wasm');
      }),
    };
    startDetectionLoop(fakeVideo().video, track, { detector, onFrame: vi.fn(), onError });
    await settle();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(detector.detectForVideo).toHaveBeenCalledTimes(5);
    expect(clone.stop).toHaveBeenCalled();
    expect(frames.slice(0, 5).every((f) => f.closed)).toBe(true);
  });
});

describe('startDetectionLoop fallback: the preview (requestVideoFrameCallback)', () => {
  it('runs where MediaStreamTrackProcessor is missing, presented from the callback metadata', () => {
    const { video, present } = fakeVideo();
    const r = recorder();
    const track = { clone: vi.fn() } as unknown as MediaStreamTrack;
    startDetectionLoop(video, track, r);
    expect(window.__guidanceLoop).toBe('video');
    present(10);
    present(11);
    present(13);
    expect(r.frames.map((f) => f.presentedFrames)).toEqual([1, 2, 4]);
    expect(r.frames.every((f) => f.source === video)).toBe(true);
    expect(track.clone).not.toHaveBeenCalled();
  });

  it('runs when window.__guidanceVideoLoop asks for it', () => {
    const { track } = installProcessor([fakeFrame(1)], [1]);
    window.__guidanceVideoLoop = true;
    const { video, present } = fakeVideo();
    const r = recorder();
    startDetectionLoop(video, track, r);
    present(1);
    expect(window.__guidanceLoop).toBe('video');
    expect(r.frames).toHaveLength(1);
  });

  it('takes over when the camera frames fail', async () => {
    const { track, clone } = installProcessor([], null, new Error('track refused'));
    const { video, present, waiting } = fakeVideo();
    const r = recorder();
    startDetectionLoop(video, track, r);
    await settle();
    expect(clone.stop).toHaveBeenCalled();
    expect(window.__guidanceLoop).toBe('video');
    expect(waiting()).toBe(true);
    present(1);
    expect(r.frames).toHaveLength(1);
  });
});

describe('camera frames oriented unlike the preview (a rotation still to apply)', () => {
  it('are left to the preview loop', async () => {
    const frames = [1, 2].map(fakeFrame);
    const { track, clone } = installProcessor(frames, [1, 2]);
    const { video, present } = fakeVideo();
    Object.assign(video, { videoWidth: 480, videoHeight: 640 });
    const r = recorder();
    startDetectionLoop(video, track, r);
    await settle();
    expect(clone.stop).toHaveBeenCalled();
    expect(frames[0]!.closed).toBe(true);
    expect(window.__guidanceLoop).toBe('video');
    present(1);
    expect(r.frames.map((f) => f.frame)).toEqual([{ width: 480, height: 640 }]);
  });

  it('sameOrientation: unknown preview size and square frames pass', () => {
    expect(sameOrientation({ videoWidth: 0, videoHeight: 0 }, { width: 640, height: 480 })).toBe(true);
    expect(sameOrientation({ videoWidth: 640, videoHeight: 480 }, { width: 640, height: 480 })).toBe(true);
    expect(sameOrientation({ videoWidth: 480, videoHeight: 640 }, { width: 480, height: 480 })).toBe(true);
    expect(sameOrientation({ videoWidth: 480, videoHeight: 640 }, { width: 640, height: 480 })).toBe(false);
  });
});

describe('createPresentedCounter', () => {
  it("uses the processor's totalFrames from the first frame read on", () => {
    const count = createPresentedCounter(25);
    expect([count({ timestamp: 0 }, 7), count({ timestamp: 40_000 }, 8), count({ timestamp: 120_000 }, 10)]).toEqual([1, 2, 4]);
  });

  it('counts from the timestamps where totalFrames is missing: a gap of n frame intervals is n frames', () => {
    const count = createPresentedCounter(25);
    const at = (ms: number) => count({ timestamp: ms * 1000 }, undefined);
    // 40 ms apart with jitter, then 3 intervals (2 frames lost), then one late frame.
    expect([at(0), at(38), at(81), at(200), at(247)]).toEqual([1, 2, 3, 6, 7]);
  });
});
