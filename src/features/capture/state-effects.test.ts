import { describe, expect, it } from 'vitest';
import { CAPTURE_EFFECTS } from './capture-effects';
import { initialCaptureState, transition, type CaptureEvent, type CaptureState } from './machine/machine';
import {
  primer,
  toCountdown,
  toFitting,
  toGuiding,
  toProcessing,
  toRecording,
  toUploading,
  upload,
} from './machine/machine.test-helpers';
import { enterInitial, stopAll, syncRuns, withEntries, type Entered, type Running } from './state-effects';

const step = withEntries(transition, CAPTURE_EFFECTS);
const from = (state: CaptureState) => enterInitial(CAPTURE_EFFECTS, state);
const play = (events: CaptureEvent[], start: Entered<CaptureState> = from(primer)) => events.reduce(step, start);
/** Each effect's run (its entry id, null: not running), by what it does. */
const runs = (e: Entered<CaptureState>) => {
  const [camera, detector, guidance, clock, recording, fitting, uploading, processing] = e.runs;
  return { camera, detector, guidance, clock, recording, fitting, uploading, processing };
};

describe('the capture effects table', () => {
  it('nothing runs before the camera is asked for', () => {
    expect(Object.values(runs(from(initialCaptureState)))).toEqual(Array(8).fill(null));
    expect(Object.values(runs(from(primer)))).toEqual(Array(8).fill(null));
  });

  it('the camera and detector load start on START; guidance and the clock once the camera is ready', () => {
    const asking = play([{ type: 'START' }]);
    expect(runs(asking)).toMatchObject({ camera: asking.lastEntry, detector: asking.lastEntry, guidance: null, clock: null });
    const guiding = play(toGuiding);
    expect(runs(guiding)).toMatchObject({
      camera: asking.lastEntry,
      detector: asking.lastEntry,
      guidance: guiding.lastEntry,
      clock: guiding.lastEntry,
    });
  });

  it('the fitting warm-up (code, worker) starts with the countdown and lives on through recording and fitting', () => {
    const warmUp = (e: Entered<CaptureState>) => e.runs[CAPTURE_EFFECTS.length - 1];
    expect(warmUp(play(toGuiding))).toBeNull();
    const countdown = play(toCountdown);
    expect(warmUp(countdown)).toBe(countdown.lastEntry);
    expect(warmUp(play(toRecording))).toBe(countdown.lastEntry);
    expect(warmUp(play(toFitting))).toBe(countdown.lastEntry);
    expect(warmUp(step(play(toFitting), { type: 'FITTING_DONE', upload }))).toBeNull();
  });

  it('guiding ⇄ countdown → recording keeps the camera and guidance runs; the clock runs until recording', () => {
    const guiding = runs(play(toGuiding));
    const countdown = play(toCountdown);
    expect(countdown.state.name).toBe('countdown');
    expect(runs(countdown)).toMatchObject({ camera: guiding.camera, guidance: guiding.guidance, clock: guiding.clock });
    const aborted = step(countdown, { type: 'HINT', hint: 'no_face' });
    expect(aborted.state.name).toBe('guiding');
    expect(runs(aborted)).toMatchObject({ guidance: guiding.guidance, clock: guiding.clock });
    const recording = play(toRecording);
    expect(recording.state.name).toBe('recording');
    expect(runs(recording)).toMatchObject({
      camera: guiding.camera,
      guidance: guiding.guidance,
      clock: null,
      recording: recording.lastEntry,
    });
  });

  it('a camera switch reopens the camera (a new run) and restarts guidance once it is ready again', () => {
    const guiding = play(toGuiding);
    const switching = step(guiding, { type: 'SWITCH_CAMERA' });
    expect(runs(switching)).toMatchObject({
      camera: switching.lastEntry,
      detector: runs(guiding).detector,
      guidance: null,
      clock: null,
    });
    expect(runs(switching).camera).not.toBe(runs(guiding).camera);
    const again = step(switching, { type: 'CAMERA_READY' });
    expect(runs(again)).toMatchObject({ camera: switching.lastEntry, guidance: again.lastEntry });
  });

  it('RETRY after a failed fitting, upload or status check starts that step afresh', () => {
    const cases: Array<[CaptureEvent[], CaptureEvent, 'fitting' | 'uploading' | 'processing']> = [
      [toFitting, { type: 'FITTING_FAILED', message: 'x' }, 'fitting'],
      [toUploading, { type: 'UPLOAD_FAILED', message: 'x' }, 'uploading'],
      [toProcessing, { type: 'STATUS_FAILED', message: 'x' }, 'processing'],
    ];
    for (const [to, failure, effect] of cases) {
      const first = play(to);
      const failed = step(first, failure);
      expect(runs(failed)[effect]).toBeNull();
      const retried = step(failed, { type: 'RETRY' });
      expect(retried.state.name).toBe(effect);
      expect(runs(retried)[effect]).toBe(retried.lastEntry);
      expect(runs(retried)[effect]).not.toBe(runs(first)[effect]);
    }
  });

  it('progress inside a state keeps its run and its entries; an ignored event keeps everything', () => {
    const uploading = play(toUploading);
    const progressed = step(uploading, { type: 'UPLOAD_PROGRESS', progress: 0.5 });
    expect(progressed.state).not.toBe(uploading.state);
    expect(progressed.runs).toBe(uploading.runs);
    expect(step(progressed, { type: 'FITTING_DONE', upload })).toBe(progressed);
  });
});

describe('syncRuns', () => {
  const log: string[] = [];
  const start = (row: number, entry: number) => {
    log.push(`start ${row}@${entry}`);
    return () => log.push(`stop ${row}@${entry}`);
  };

  it('stops every run whose entry is over before it starts the new ones; stopAll ends the rest', () => {
    const running: Running = [];
    syncRuns(running, [1, null, 1], start);
    syncRuns(running, [1, null, 1], start);
    syncRuns(running, [2, 2, null], start);
    stopAll(running);
    expect(log).toEqual(['start 0@1', 'start 2@1', 'stop 0@1', 'stop 2@1', 'start 0@2', 'start 1@2', 'stop 0@2', 'stop 1@2']);
    expect(running).toEqual([]);
  });
});
