import { describe, expect, it } from 'vitest';
import { AUTO_START_CONFIG } from '../guidance/guidance-config';
import {
  canRecord,
  initialCaptureState,
  initialGuidingState,
  needsCamera,
  needsClock,
  needsDetector,
  showsManualRecord,
  shownHint,
  transition,
  transitionWithConfig,
  type CaptureEvent,
  type CaptureState,
} from './machine';
import {
  clip,
  countdownStart,
  primer,
  run,
  tick,
  toCountdown,
  toFitting,
  toGuiding,
  toProcessing,
  toReady,
  toRecording,
  toReview,
  toUploading,
  upload,
} from './machine.test-helpers';

const { readyHoldMs, countdownMs, manualFallbackMs } = AUTO_START_CONFIG;

describe('happy path', () => {
  it('consent → idle → requesting_permission → guiding → recording → fitting → review → uploading → processing → done', () => {
    const names: string[] = [];
    let s = initialCaptureState;
    names.push(s.name);
    for (const e of [
      { type: 'CONSENT_GIVEN' } as CaptureEvent,
      ...toProcessing,
      { type: 'STATUS', status: 'done' } as CaptureEvent,
    ]) {
      const next = transition(s, e);
      if (next.name !== s.name) names.push(next.name);
      s = next;
    }
    expect(names).toEqual([
      'consent',
      'idle',
      'requesting_permission',
      'guiding',
      'countdown',
      'recording',
      'fitting',
      'review',
      'uploading',
      'processing',
      'done',
    ]);
    expect(s).toEqual({ name: 'done', caseId: 'c1' });
  });

  it('guiding starts with the loading hint; the first TICK starts its clock', () => {
    expect(run([{ type: 'START' }, { type: 'CAMERA_READY' }])).toEqual(initialGuidingState);
    expect(initialGuidingState).toEqual({
      name: 'guiding',
      hint: 'loading',
      since: null,
      readySince: null,
      manualRecord: false,
      notice: null,
      notReadySince: null,
      tips: false,
    });
    expect(run(toGuiding)).toMatchObject({ name: 'guiding', since: 0 });
  });

  it('fitting carries the clip and progress 0–1, then hands the fitted files to the review', () => {
    let s = run(toFitting);
    expect(s).toEqual({ name: 'fitting', clip, progress: 0 });
    s = transition(s, { type: 'FITTING_PROGRESS', progress: 0.5 });
    expect(s).toMatchObject({ name: 'fitting', progress: 0.5 });
    expect(transition(s, { type: 'FITTING_PROGRESS', progress: 0.5 })).toBe(s);
    expect(transition(s, { type: 'FITTING_PROGRESS', progress: 3 })).toMatchObject({ progress: 1 });
    expect(transition(s, { type: 'FITTING_PROGRESS', progress: Number.NaN })).toMatchObject({ progress: 0 });
    s = transition(s, { type: 'FITTING_DONE', upload });
    expect(s).toEqual({ name: 'review', clip, upload, playbackFailed: false });
    expect(transition(s, { type: 'SEND' })).toEqual({ name: 'uploading', clip, upload, progress: 0, retry: null });
  });

  it('uploading carries the clip, the fitted files and progress 0–1', () => {
    let s = run(toUploading);
    expect(s).toMatchObject({ name: 'uploading', progress: 0 });
    s = transition(s, { type: 'UPLOAD_PROGRESS', progress: 0.42 });
    expect(s).toMatchObject({ name: 'uploading', progress: 0.42 });
    expect(s.name === 'uploading' && s.clip).toBe(clip);
    expect(s.name === 'uploading' && s.upload).toBe(upload);
    s = transition(s, { type: 'UPLOAD_PROGRESS', progress: 7 });
    expect(s).toMatchObject({ progress: 1 });
    s = transition(s, { type: 'UPLOAD_PROGRESS', progress: Number.NaN });
    expect(s).toMatchObject({ progress: 0 });
  });

  it('processing keeps polling on status processing (same object)', () => {
    const s = run(toProcessing);
    expect(s).toEqual({ name: 'processing', caseId: 'c1', captureToken: 't1' });
    expect(transition(s, { type: 'STATUS', status: 'processing' })).toBe(s);
  });

  it('retake carries the reason and RETAKE asks for the camera again', () => {
    const s = run([...toProcessing, { type: 'STATUS', status: 'retake', reason: 'no_face' }]);
    expect(s).toEqual({ name: 'retake', reason: 'no_face', caseId: 'c1' });
    expect(transition(s, { type: 'RETAKE' })).toEqual({ name: 'requesting_permission' });
  });

  it('retake without a reason is still a retake', () => {
    expect(run([...toProcessing, { type: 'STATUS', status: 'retake' }])).toEqual({ name: 'retake', caseId: 'c1' });
  });
});

describe('auto-start: hold, countdown, recording', () => {
  it('ready must hold readyHoldMs (measured on TICKs) before the countdown starts', () => {
    let s = run(toReady);
    expect(s).toMatchObject({ name: 'guiding', hint: 'ready', readySince: 100 });
    s = transition(s, tick(100 + readyHoldMs - 1));
    expect(s.name).toBe('guiding');
    s = transition(s, tick(100 + readyHoldMs));
    expect(s).toEqual({ name: 'countdown', hint: 'ready', startedAt: 600, secondsLeft: 3, guidingSince: 0, manualRecord: false });
  });

  it('a break in ready restarts the hold', () => {
    let s = run([...toReady, tick(400), { type: 'HINT', hint: 'move_left' }, tick(500)]);
    expect(s).toMatchObject({ name: 'guiding', readySince: null });
    s = run([{ type: 'HINT', hint: 'ready' }, tick(700), tick(700 + readyHoldMs - 100)], s);
    expect(s.name).toBe('guiding');
    expect(transition(s, tick(700 + readyHoldMs)).name).toBe('countdown');
  });

  it('counts 3, 2, 1 and then records (startedBy auto); same object between steps', () => {
    let s = run(toCountdown);
    const seen: number[] = [];
    for (let t = countdownStart; t < countdownStart + countdownMs; t += 100) {
      const next = transition(s, tick(t));
      if (next.name === 'countdown' && next.secondsLeft === (s.name === 'countdown' ? s.secondsLeft : -1)) expect(next).toBe(s);
      s = next;
      if (s.name === 'countdown' && seen[seen.length - 1] !== s.secondsLeft) seen.push(s.secondsLeft);
    }
    expect(seen).toEqual([3, 2, 1]);
    expect(transition(s, tick(countdownStart + countdownMs))).toEqual({
      name: 'recording',
      hint: 'ready',
      progress: 0,
      startedBy: 'auto',
    });
  });

  it.each([
    ['no_face', 'face_lost'],
    ['multiple_faces', 'multiple_faces'],
    ['move_left', 'left_oval'],
    ['move_right', 'left_oval'],
    ['move_up', 'left_oval'],
    ['move_down', 'left_oval'],
    ['move_closer', 'left_oval'],
    ['move_back', 'left_oval'],
  ] as const)('countdown + %s → back to guiding with notice %s', (hint, notice) => {
    const s = run([...toCountdown, tick(countdownStart + 1200), { type: 'HINT', hint }]);
    expect(s).toEqual({
      name: 'guiding',
      hint,
      since: 0,
      readySince: null,
      manualRecord: false,
      notice,
      notReadySince: null,
      tips: false,
    });
    // Ready again clears the notice, and the hold starts over.
    const again = run([{ type: 'HINT', hint: 'ready' }], s);
    expect(again).toMatchObject({ name: 'guiding', notice: null, readySince: null });
  });

  it.each(['too_dark', 'too_bright', 'blurry', 'face_the_camera'] as const)(
    'countdown + %s only updates the hint (light/blur/pose do not call it off)',
    (hint) => {
      const s = run([...toCountdown, { type: 'HINT', hint }]);
      expect(s).toMatchObject({ name: 'countdown', hint, secondsLeft: 3 });
      expect(transition(s, tick(countdownStart + countdownMs))).toMatchObject({ name: 'recording', hint, startedBy: 'auto' });
    },
  );

  it('a blocked TICK (no check chosen) holds auto-start back and stops a running countdown', () => {
    let s = run([...toReady, tick(2000, true)]);
    expect(s).toMatchObject({ name: 'guiding', readySince: null });
    s = run([tick(2100), tick(2100 + readyHoldMs)], s);
    expect(s.name).toBe('countdown');
    s = transition(s, tick(2700, true));
    expect(s).toMatchObject({ name: 'guiding', hint: 'ready', notice: null, readySince: null });
  });

  it('the timings come from the config', () => {
    const fast = { ...AUTO_START_CONFIG, readyHoldMs: 0, countdownMs: 1000 };
    let s: CaptureState = [...toGuiding, { type: 'HINT', hint: 'ready' } as CaptureEvent].reduce<CaptureState>(
      (acc, e) => transitionWithConfig(acc, e, fast),
      primer,
    );
    s = transitionWithConfig(s, tick(50), fast);
    expect(s).toMatchObject({ name: 'countdown', secondsLeft: 1 });
    expect(transitionWithConfig(s, tick(1050), fast).name).toBe('recording');
  });
});

describe('manual fallback', () => {
  it('hidden and refused before manualFallbackMs, even when ready', () => {
    const s = run(toReady);
    expect(showsManualRecord(s)).toBe(false);
    expect(canRecord(s)).toBe(false);
    expect(transition(s, { type: 'RECORD' })).toBe(s);
  });

  it('unlocks after manualFallbackMs in guiding, counted from the first TICK', () => {
    let s = run([...toGuiding, { type: 'HINT', hint: 'face_the_camera' }, tick(manualFallbackMs - 1)]);
    expect(showsManualRecord(s)).toBe(false);
    s = transition(s, tick(manualFallbackMs));
    expect(showsManualRecord(s)).toBe(true);
    expect(canRecord(s)).toBe(true);
    expect(transition(s, { type: 'RECORD' })).toEqual({
      name: 'recording',
      hint: 'face_the_camera',
      progress: 0,
      startedBy: 'manual',
    });
  });

  it('still needs exactly one face in view', () => {
    for (const hint of ['no_face', 'multiple_faces'] as const) {
      const s = run([...toGuiding, { type: 'HINT', hint }, tick(manualFallbackMs)]);
      expect(showsManualRecord(s)).toBe(true);
      expect(canRecord(s)).toBe(false);
      expect(transition(s, { type: 'RECORD' })).toBe(s);
    }
    const loading = run([...toGuiding, tick(manualFallbackMs)]);
    expect(canRecord(loading)).toBe(false);
  });

  it('survives an aborted countdown (the clock is not reset), but RECORD waits for guiding', () => {
    let s = run([...toGuiding, tick(manualFallbackMs), { type: 'HINT', hint: 'ready' }, tick(manualFallbackMs + 100)]);
    s = transition(s, tick(manualFallbackMs + 100 + readyHoldMs));
    expect(s).toMatchObject({ name: 'countdown', manualRecord: true, guidingSince: 0 });
    expect(showsManualRecord(s)).toBe(true);
    expect(canRecord(s)).toBe(false);
    expect(transition(s, { type: 'RECORD' })).toBe(s);
    s = transition(s, { type: 'HINT', hint: 'move_closer' });
    expect(s).toMatchObject({ name: 'guiding', since: 0, manualRecord: true, notice: 'left_oval' });
    expect(canRecord(s)).toBe(true);
  });
});

describe('recording', () => {
  it('losing the face while recording keeps recording and updates the hint', () => {
    let s = run(toRecording);
    s = transition(s, { type: 'HINT', hint: 'no_face' });
    expect(s).toEqual({ name: 'recording', hint: 'no_face', progress: 0, startedBy: 'auto' });
    s = transition(s, { type: 'RECORDING_PROGRESS', progress: 0.5 });
    expect(s).toEqual({ name: 'recording', hint: 'no_face', progress: 0.5, startedBy: 'auto' });
    expect(canRecord(s)).toBe(false);
  });

  it('the same hint twice returns the same object', () => {
    const s = run(toReady);
    expect(transition(s, { type: 'HINT', hint: 'ready' })).toBe(s);
    const c = run(toCountdown);
    expect(transition(c, { type: 'HINT', hint: 'ready' })).toBe(c);
  });
});

describe('errors and their way back', () => {
  const cameraKinds = ['permission_denied', 'no_camera', 'camera_busy', 'insecure_context', 'unsupported'] as const;

  it.each(cameraKinds)('camera error %s → error, RETRY asks again', (kind) => {
    const s = run([{ type: 'START' }, { type: 'CAMERA_FAILED', kind, message: 'm' }]);
    expect(s).toMatchObject({ name: 'error', kind, message: 'm' });
    expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'requesting_permission' });
    expect(transition(s, { type: 'RESET' })).toEqual({ name: 'idle' });
  });

  it('camera lost while guiding, counting down or recording', () => {
    for (const path of [toGuiding, toCountdown, toRecording]) {
      const s = run([...path, { type: 'CAMERA_FAILED', kind: 'camera_failed', message: 'ended' }]);
      expect(s).toMatchObject({ name: 'error', kind: 'camera_failed' });
      expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'requesting_permission' });
    }
  });

  it('detector failure → error detector_failed, RETRY re-opens the camera', () => {
    const s = run([...toGuiding, { type: 'DETECTOR_FAILED', message: 'wasm' }]);
    expect(s).toMatchObject({ name: 'error', kind: 'detector_failed' });
    expect(run([...toCountdown, { type: 'DETECTOR_FAILED', message: 'wasm' }])).toMatchObject({ kind: 'detector_failed' });
    expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'requesting_permission' });
    // it can also fail before the camera is ready
    expect(run([{ type: 'START' }, { type: 'DETECTOR_FAILED', message: 'x' }])).toMatchObject({ kind: 'detector_failed' });
  });

  it('recorder failure → error recorder_failed', () => {
    const s = run([...toRecording, { type: 'RECORDING_FAILED', message: 'no data' }]);
    expect(s).toMatchObject({ name: 'error', kind: 'recorder_failed' });
    expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'requesting_permission' });
  });

  it('fitting failure says why; RETRY fits the same clip again, RETAKE records anew, RESET leaves', () => {
    const message = 'Alibaba Cloud: clip is 3.4 s; this provider needs 1–3 s (after trim).';
    const s = run([...toFitting, { type: 'FITTING_PROGRESS', progress: 0.6 }, { type: 'FITTING_FAILED', message }]);
    expect(s).toEqual({ name: 'error', kind: 'fitting_failed', message, resume: { name: 'fitting', clip } });
    expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'fitting', clip, progress: 0 });
    expect(transition(s, { type: 'RETAKE' })).toEqual({ name: 'requesting_permission' });
    expect(transition(s, { type: 'RESET' })).toEqual({ name: 'idle' });
    // A retried fitting that fails again can be retried again, with the same clip.
    const again = run([{ type: 'RETRY' }, { type: 'FITTING_FAILED', message }], s);
    expect(again).toEqual(s);
  });

  it('upload failure keeps the clip and its fitted files: RETRY re-uploads them, RETAKE records anew', () => {
    const s = run([...toUploading, { type: 'UPLOAD_PROGRESS', progress: 0.8 }, { type: 'UPLOAD_FAILED', message: 'offline' }]);
    expect(s).toMatchObject({ name: 'error', kind: 'upload_failed', message: 'offline' });
    const retried = transition(s, { type: 'RETRY' });
    expect(retried).toMatchObject({ name: 'uploading', progress: 0 });
    expect(retried.name === 'uploading' && retried.clip).toBe(clip);
    expect(retried.name === 'uploading' && retried.upload).toBe(upload);
    expect(transition(s, { type: 'RETAKE' })).toEqual({ name: 'requesting_permission' });
  });

  it('status failure → RETRY resumes polling the same case', () => {
    const s = run([...toProcessing, { type: 'STATUS_FAILED', message: '500' }]);
    expect(s).toMatchObject({ name: 'error', kind: 'status_failed' });
    expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'processing', caseId: 'c1', captureToken: 't1' });
  });

  it('RETAKE is not offered for camera errors (RETRY is the way back)', () => {
    const s = run([{ type: 'START' }, { type: 'CAMERA_FAILED', kind: 'camera_busy', message: 'm' }]);
    expect(transition(s, { type: 'RETAKE' })).toBe(s);
  });
});

describe('invalid events leave the state unchanged', () => {
  const samples: Array<[string, CaptureState]> = [
    ['consent', initialCaptureState],
    ['declined', run([{ type: 'DECLINE' }], initialCaptureState)],
    ['idle', primer],
    ['requesting_permission', run([{ type: 'START' }])],
    ['guiding', run(toGuiding)],
    ['countdown', run(toCountdown)],
    ['recording', run(toRecording)],
    ['fitting', run(toFitting)],
    ['review', run(toReview)],
    ['uploading', run(toUploading)],
    ['processing', run(toProcessing)],
    ['done', run([...toProcessing, { type: 'STATUS', status: 'done' }])],
    ['retake', run([...toProcessing, { type: 'STATUS', status: 'retake', reason: 'too_short' }])],
  ];
  const allEvents: CaptureEvent[] = [
    { type: 'CONSENT_GIVEN' },
    { type: 'DECLINE' },
    { type: 'BACK' },
    { type: 'START' },
    { type: 'SWITCH_CAMERA' },
    { type: 'CAMERA_READY' },
    { type: 'HINT', hint: 'ready' },
    { type: 'HINT', hint: 'no_face' },
    { type: 'TICK', now: 1e6 },
    { type: 'RECORD' },
    { type: 'RECORDING_PROGRESS', progress: 0.3 },
    { type: 'RECORDING_DONE', clip },
    { type: 'FITTING_PROGRESS', progress: 0.3 },
    { type: 'FITTING_DONE', upload },
    { type: 'FITTING_FAILED', message: 'x' },
    { type: 'PLAYBACK_FAILED' },
    { type: 'SEND' },
    { type: 'CANCEL_UPLOAD' },
    { type: 'UPLOAD_PROGRESS', progress: 0.3 },
    { type: 'UPLOAD_RETRYING', retry: { attempt: 2, maxAttempts: 4, delayMs: 1000 } },
    { type: 'UPLOAD_DONE', caseId: 'x', captureToken: 'y' },
    { type: 'UPLOAD_FAILED', message: 'x' },
    { type: 'STATUS', status: 'done' },
    { type: 'STATUS_FAILED', message: 'x' },
    { type: 'RETRY' },
    { type: 'RETAKE' },
  ];
  // Which event types each state accepts; everything else must return the very same object.
  const accepted: Record<string, string[]> = {
    consent: ['CONSENT_GIVEN', 'DECLINE'],
    declined: ['BACK'],
    idle: ['START', 'BACK'],
    requesting_permission: ['CAMERA_READY'],
    guiding: ['HINT', 'TICK', 'SWITCH_CAMERA'],
    countdown: ['HINT', 'TICK', 'SWITCH_CAMERA'],
    recording: ['HINT', 'RECORDING_PROGRESS', 'RECORDING_DONE'],
    fitting: ['FITTING_PROGRESS', 'FITTING_DONE', 'FITTING_FAILED', 'RETAKE'],
    review: ['SEND', 'RETAKE', 'PLAYBACK_FAILED'],
    uploading: ['UPLOAD_PROGRESS', 'UPLOAD_RETRYING', 'CANCEL_UPLOAD', 'UPLOAD_DONE', 'UPLOAD_FAILED'],
    processing: ['STATUS', 'STATUS_FAILED'],
    done: [],
    retake: ['RETAKE'],
  };

  it.each(samples)('%s', (name, state) => {
    for (const e of allEvents) {
      const next = transition(state, e);
      if (accepted[name]?.includes(e.type)) continue;
      expect(next, `${name} + ${e.type}`).toBe(state);
    }
  });

  it('RESET before the camera (consent, declined, primer) is a no-op; from anywhere later goes to the primer', () => {
    for (const [, state] of samples.slice(0, 3)) expect(transition(state, { type: 'RESET' })).toBe(state);
    for (const [, state] of samples.slice(3)) expect(transition(state, { type: 'RESET' })).toEqual({ name: 'idle' });
  });
});

describe('derived flags', () => {
  it('camera is open only while requesting, guiding, counting down and recording', () => {
    expect(needsCamera(initialCaptureState)).toBe(false);
    expect(needsCamera(run([{ type: 'START' }]))).toBe(true);
    expect(needsCamera(run(toGuiding))).toBe(true);
    expect(needsCamera(run(toCountdown))).toBe(true);
    expect(needsCamera(run(toRecording))).toBe(true);
    expect(needsCamera(run(toFitting))).toBe(false);
    expect(needsCamera(run(toUploading))).toBe(false);
  });

  it('detector runs only while guiding and recording', () => {
    expect(needsDetector(run([{ type: 'START' }]))).toBe(false);
    expect(needsDetector(run(toGuiding))).toBe(true);
    expect(needsDetector(run(toCountdown))).toBe(true);
    expect(needsDetector(run(toRecording))).toBe(true);
    expect(needsDetector(run(toFitting))).toBe(false);
  });

  it('the clock ticks only while guiding and counting down', () => {
    expect(needsClock(run([{ type: 'START' }]))).toBe(false);
    expect(needsClock(run(toGuiding))).toBe(true);
    expect(needsClock(run(toCountdown))).toBe(true);
    expect(needsClock(run(toRecording))).toBe(false);
    expect(needsClock(run(toFitting))).toBe(false);
  });

  it('shownHint', () => {
    expect(shownHint(initialCaptureState)).toBeUndefined();
    expect(shownHint(run([{ type: 'START' }]))).toBe('loading');
    expect(shownHint(run(toReady))).toBe('ready');
    expect(shownHint(run(toCountdown))).toBe('ready');
  });
});
