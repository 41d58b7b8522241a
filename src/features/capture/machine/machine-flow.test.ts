/** The consent, camera-switch, review and upload-retry transitions. */
import { describe, expect, it } from 'vitest';
import { initialCaptureState, needsCamera, needsClock, shownHint, transition } from './machine';
import {
  clip,
  primer,
  run,
  toCountdown,
  toFitting,
  toGuiding,
  toRecording,
  toReview,
  toUploading,
  upload,
} from './machine.test-helpers';

describe('consent', () => {
  it('is the first state; nothing but CONSENT_GIVEN leads on to the primer', () => {
    expect(initialCaptureState).toEqual({ name: 'consent' });
    expect(transition(initialCaptureState, { type: 'START' })).toBe(initialCaptureState);
    expect(transition(initialCaptureState, { type: 'CONSENT_GIVEN' })).toEqual({ name: 'idle' });
  });

  it('declining shows the declined screen; BACK returns to the consent', () => {
    const declined = transition(initialCaptureState, { type: 'DECLINE' });
    expect(declined).toEqual({ name: 'declined' });
    expect(transition(declined, { type: 'START' })).toBe(declined);
    expect(transition(declined, { type: 'BACK' })).toEqual({ name: 'consent' });
  });

  it('BACK from the primer withdraws the consent (back to the consent screen)', () => {
    expect(transition(primer, { type: 'BACK' })).toEqual({ name: 'consent' });
  });
});

describe('camera picker', () => {
  it('SWITCH_CAMERA from guiding or countdown re-opens the camera', () => {
    expect(run([...toGuiding, { type: 'SWITCH_CAMERA' }])).toEqual({ name: 'requesting_permission' });
    expect(run([...toCountdown, { type: 'SWITCH_CAMERA' }])).toEqual({ name: 'requesting_permission' });
  });

  it('is refused while recording (the stream must not change under the recorder)', () => {
    const s = run(toRecording);
    expect(transition(s, { type: 'SWITCH_CAMERA' })).toBe(s);
  });
});

describe('review (playback)', () => {
  it('SEND uploads exactly the fitted files, no retry', () => {
    const s = run(toReview);
    const sent = transition(s, { type: 'SEND' });
    expect(sent).toEqual({ name: 'uploading', clip, upload, progress: 0, retry: null });
    expect(sent.name === 'uploading' && sent.upload).toBe(upload);
  });

  it('RETAKE records a new clip (the camera opens again)', () => {
    expect(run([...toReview, { type: 'RETAKE' }])).toEqual({ name: 'requesting_permission' });
  });

  it('a clip the browser cannot play back is flagged but can still be sent', () => {
    const failed = run([...toReview, { type: 'PLAYBACK_FAILED' }]);
    expect(failed).toMatchObject({ name: 'review', playbackFailed: true });
    expect(transition(failed, { type: 'PLAYBACK_FAILED' })).toBe(failed);
    expect(transition(failed, { type: 'SEND' })).toMatchObject({ name: 'uploading' });
  });

  it('RESET leaves for the primer; the camera is closed and no clock runs during the review', () => {
    const s = run(toReview);
    expect(transition(s, { type: 'RESET' })).toEqual({ name: 'idle' });
    expect(needsCamera(s)).toBe(false);
    expect(needsClock(s)).toBe(false);
    expect(shownHint(s)).toBeUndefined();
  });

  it('fitting can be abandoned for a retake', () => {
    expect(run([...toFitting, { type: 'RETAKE' }])).toEqual({ name: 'requesting_permission' });
  });
});

describe('upload retries', () => {
  const retry = { attempt: 2, maxAttempts: 4, delayMs: 1000 };

  it('UPLOAD_RETRYING shows the retry and resets the progress; it stays while that attempt sends', () => {
    let s = run([...toUploading, { type: 'UPLOAD_PROGRESS', progress: 0.6 }, { type: 'UPLOAD_RETRYING', retry }]);
    expect(s).toMatchObject({ name: 'uploading', progress: 0, retry });
    expect(transition(s, { type: 'UPLOAD_PROGRESS', progress: 0 })).toBe(s);
    s = transition(s, { type: 'UPLOAD_PROGRESS', progress: 0.3 });
    expect(s).toMatchObject({ name: 'uploading', progress: 0.3, retry });
    const next = { attempt: 3, maxAttempts: 4, delayMs: 3000 };
    expect(transition(s, { type: 'UPLOAD_RETRYING', retry: next })).toMatchObject({ progress: 0, retry: next });
  });

  it('after the last retry fails, RETRY from the error re-sends the same files', () => {
    const failed = run([...toUploading, { type: 'UPLOAD_RETRYING', retry }, { type: 'UPLOAD_FAILED', message: 'offline' }]);
    expect(failed).toMatchObject({ name: 'error', kind: 'upload_failed' });
    const again = transition(failed, { type: 'RETRY' });
    expect(again).toMatchObject({ name: 'uploading', progress: 0, retry: null });
    expect(again.name === 'uploading' && again.upload).toBe(upload);
    expect(again.name === 'uploading' && again.clip).toBe(clip);
  });

  it('the Idempotency-Key travels with the fitted files: every re-send keeps it, a retake brings a new one', () => {
    const failed = run([...toUploading, { type: 'UPLOAD_FAILED', message: 'offline' }]);
    const again = transition(failed, { type: 'RETRY' });
    expect(again.name === 'uploading' && again.upload.idempotencyKey).toBe('upload-key-1');
    const resent = run([{ type: 'CANCEL_UPLOAD' }, { type: 'SEND' }], again);
    expect(resent.name === 'uploading' && resent.upload.idempotencyKey).toBe('upload-key-1');

    // A retake keeps nothing of the old upload; the next recording's fitting brings its own key.
    const retake = run([...toReview, { type: 'RETAKE' }]);
    expect(retake).toEqual({ name: 'requesting_permission' });
    const next = { ...upload, idempotencyKey: 'upload-key-2' };
    const sent = run([...toFitting.slice(1), { type: 'FITTING_DONE', upload: next }, { type: 'SEND' }], retake);
    expect(sent.name === 'uploading' && sent.upload.idempotencyKey).toBe('upload-key-2');
  });

  it('CANCEL_UPLOAD goes back to the review with the same clip and files', () => {
    const s = run([...toUploading, { type: 'CANCEL_UPLOAD' }]);
    expect(s).toEqual({ name: 'review', clip, upload, playbackFailed: false });
  });
});
