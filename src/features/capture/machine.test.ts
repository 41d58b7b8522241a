import { describe, expect, it } from 'vitest';
import {
  canRecord,
  initialCaptureState,
  needsCamera,
  needsDetector,
  shownHint,
  transition,
  type CaptureEvent,
  type CaptureState,
  type RecordedClip,
} from './machine';

const clip: RecordedClip = {
  blob: new Blob([new Uint8Array([0, 0, 0, 24])], { type: 'video/mp4' }),
  mimeType: 'video/mp4;codecs=avc1',
  fileName: 'capture.mp4',
  telemetry: { recorderMimeType: 'video/mp4;codecs=avc1' },
};

function run(events: CaptureEvent[], from: CaptureState = initialCaptureState): CaptureState {
  return events.reduce(transition, from);
}

const toGuiding: CaptureEvent[] = [{ type: 'START' }, { type: 'CAMERA_READY' }];
const toReady: CaptureEvent[] = [...toGuiding, { type: 'HINT', hint: 'ready' }];
const toRecording: CaptureEvent[] = [...toReady, { type: 'RECORD' }];
const toUploading: CaptureEvent[] = [...toRecording, { type: 'RECORDING_DONE', clip }];
const toProcessing: CaptureEvent[] = [...toUploading, { type: 'UPLOAD_DONE', caseId: 'c1', captureToken: 't1' }];

describe('happy path', () => {
  it('idle → requesting_permission → guiding → recording → uploading → processing → done', () => {
    const names: string[] = [];
    let s = initialCaptureState;
    names.push(s.name);
    for (const e of [...toProcessing, { type: 'STATUS', status: 'done' } as CaptureEvent]) {
      const next = transition(s, e);
      if (next.name !== s.name) names.push(next.name);
      s = next;
    }
    expect(names).toEqual(['idle', 'requesting_permission', 'guiding', 'recording', 'uploading', 'processing', 'done']);
    expect(s).toEqual({ name: 'done', caseId: 'c1' });
  });

  it('guiding starts with the loading hint', () => {
    expect(run(toGuiding)).toEqual({ name: 'guiding', hint: 'loading' });
  });

  it('uploading carries the clip and progress 0–1', () => {
    let s = run(toUploading);
    expect(s).toMatchObject({ name: 'uploading', progress: 0, attempt: 1 });
    s = transition(s, { type: 'UPLOAD_PROGRESS', progress: 0.42 });
    expect(s).toMatchObject({ name: 'uploading', progress: 0.42 });
    expect(s.name === 'uploading' && s.clip).toBe(clip);
    s = transition(s, { type: 'UPLOAD_PROGRESS', progress: 7 });
    expect(s).toMatchObject({ progress: 1 });
    s = transition(s, { type: 'UPLOAD_PROGRESS', progress: Number.NaN });
    expect(s).toMatchObject({ progress: 0 });
  });

  it('processing keeps polling on status processing (same object)', () => {
    const s = run(toProcessing);
    expect(s).toEqual({ name: 'processing', caseId: 'c1', captureToken: 't1', attempt: 1 });
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

describe('recording gate', () => {
  it('RECORD is ignored unless the hint is ready', () => {
    for (const hint of ['no_face', 'multiple_faces', 'move_closer'] as const) {
      const s = run([...toGuiding, { type: 'HINT', hint }]);
      expect(canRecord(s)).toBe(false);
      expect(transition(s, { type: 'RECORD' })).toBe(s);
    }
    const loading = run(toGuiding);
    expect(transition(loading, { type: 'RECORD' })).toBe(loading);
    const ready = run(toReady);
    expect(canRecord(ready)).toBe(true);
    expect(transition(ready, { type: 'RECORD' })).toEqual({ name: 'recording', hint: 'ready', progress: 0 });
  });

  it('losing the face while recording keeps recording and updates the hint', () => {
    let s = run(toRecording);
    s = transition(s, { type: 'HINT', hint: 'no_face' });
    expect(s).toEqual({ name: 'recording', hint: 'no_face', progress: 0 });
    s = transition(s, { type: 'RECORDING_PROGRESS', progress: 0.5 });
    expect(s).toEqual({ name: 'recording', hint: 'no_face', progress: 0.5 });
    expect(canRecord(s)).toBe(false);
  });

  it('the same hint twice returns the same object', () => {
    const s = run(toReady);
    expect(transition(s, { type: 'HINT', hint: 'ready' })).toBe(s);
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

  it('camera lost while guiding or recording', () => {
    for (const path of [toGuiding, toRecording]) {
      const s = run([...path, { type: 'CAMERA_FAILED', kind: 'camera_failed', message: 'ended' }]);
      expect(s).toMatchObject({ name: 'error', kind: 'camera_failed' });
      expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'requesting_permission' });
    }
  });

  it('detector failure → error detector_failed, RETRY re-opens the camera', () => {
    const s = run([...toGuiding, { type: 'DETECTOR_FAILED', message: 'wasm' }]);
    expect(s).toMatchObject({ name: 'error', kind: 'detector_failed' });
    expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'requesting_permission' });
    // it can also fail before the camera is ready
    expect(run([{ type: 'START' }, { type: 'DETECTOR_FAILED', message: 'x' }])).toMatchObject({ kind: 'detector_failed' });
  });

  it('recorder failure → error recorder_failed', () => {
    const s = run([...toRecording, { type: 'RECORDING_FAILED', message: 'no data' }]);
    expect(s).toMatchObject({ name: 'error', kind: 'recorder_failed' });
    expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'requesting_permission' });
  });

  it('upload failure keeps the clip: RETRY re-uploads it (attempt+1), RETAKE records anew', () => {
    const s = run([...toUploading, { type: 'UPLOAD_PROGRESS', progress: 0.8 }, { type: 'UPLOAD_FAILED', message: 'offline' }]);
    expect(s).toMatchObject({ name: 'error', kind: 'upload_failed', message: 'offline' });
    const retried = transition(s, { type: 'RETRY' });
    expect(retried).toMatchObject({ name: 'uploading', progress: 0, attempt: 2 });
    expect(retried.name === 'uploading' && retried.clip).toBe(clip);
    expect(transition(s, { type: 'RETAKE' })).toEqual({ name: 'requesting_permission' });
  });

  it('status failure → RETRY resumes polling the same case', () => {
    const s = run([...toProcessing, { type: 'STATUS_FAILED', message: '500' }]);
    expect(s).toMatchObject({ name: 'error', kind: 'status_failed' });
    expect(transition(s, { type: 'RETRY' })).toEqual({ name: 'processing', caseId: 'c1', captureToken: 't1', attempt: 2 });
  });

  it('RETAKE is not offered for camera errors (RETRY is the way back)', () => {
    const s = run([{ type: 'START' }, { type: 'CAMERA_FAILED', kind: 'camera_busy', message: 'm' }]);
    expect(transition(s, { type: 'RETAKE' })).toBe(s);
  });
});

describe('invalid events leave the state unchanged', () => {
  const samples: Array<[string, CaptureState]> = [
    ['idle', initialCaptureState],
    ['requesting_permission', run([{ type: 'START' }])],
    ['guiding', run(toGuiding)],
    ['recording', run(toRecording)],
    ['uploading', run(toUploading)],
    ['processing', run(toProcessing)],
    ['done', run([...toProcessing, { type: 'STATUS', status: 'done' }])],
    ['retake', run([...toProcessing, { type: 'STATUS', status: 'retake', reason: 'too_short' }])],
  ];
  const allEvents: CaptureEvent[] = [
    { type: 'START' },
    { type: 'CAMERA_READY' },
    { type: 'HINT', hint: 'ready' },
    { type: 'RECORD' },
    { type: 'RECORDING_PROGRESS', progress: 0.3 },
    { type: 'RECORDING_DONE', clip },
    { type: 'UPLOAD_PROGRESS', progress: 0.3 },
    { type: 'UPLOAD_DONE', caseId: 'x', captureToken: 'y' },
    { type: 'UPLOAD_FAILED', message: 'x' },
    { type: 'STATUS', status: 'done' },
    { type: 'STATUS_FAILED', message: 'x' },
    { type: 'RETRY' },
    { type: 'RETAKE' },
  ];
  // Which event types each state accepts; everything else must return the very same object.
  const accepted: Record<string, string[]> = {
    idle: ['START'],
    requesting_permission: ['CAMERA_READY'],
    guiding: ['HINT', 'RECORD'],
    recording: ['RECORDING_PROGRESS', 'RECORDING_DONE'],
    uploading: ['UPLOAD_PROGRESS', 'UPLOAD_DONE', 'UPLOAD_FAILED'],
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

  it('RESET from idle is a no-op; from anywhere else goes to idle', () => {
    expect(transition(initialCaptureState, { type: 'RESET' })).toBe(initialCaptureState);
    for (const [, state] of samples.slice(1)) expect(transition(state, { type: 'RESET' })).toEqual({ name: 'idle' });
  });
});

describe('derived flags', () => {
  it('camera is open only while requesting, guiding and recording', () => {
    expect(needsCamera(initialCaptureState)).toBe(false);
    expect(needsCamera(run([{ type: 'START' }]))).toBe(true);
    expect(needsCamera(run(toGuiding))).toBe(true);
    expect(needsCamera(run(toRecording))).toBe(true);
    expect(needsCamera(run(toUploading))).toBe(false);
  });

  it('detector runs only while guiding and recording', () => {
    expect(needsDetector(run([{ type: 'START' }]))).toBe(false);
    expect(needsDetector(run(toGuiding))).toBe(true);
    expect(needsDetector(run(toRecording))).toBe(true);
  });

  it('shownHint', () => {
    expect(shownHint(initialCaptureState)).toBeUndefined();
    expect(shownHint(run([{ type: 'START' }]))).toBe('loading');
    expect(shownHint(run(toReady))).toBe('ready');
  });
});
