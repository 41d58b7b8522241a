import { describe, expect, it } from 'vitest';
import type { CaptureEvent, CaptureState } from './machine';
import { primer, toUploading } from './machine.test-helpers';
import { canHandOff, remoteProgress, sessionTransition } from './session-flow';

const run = (events: CaptureEvent[], from: CaptureState = primer) => events.reduce(sessionTransition, from);

describe('the session flow', () => {
  it('ends at submitted after the upload: no status polling, no retake, no reset', () => {
    const submitted = run([...toUploading, { type: 'UPLOAD_DONE', caseId: 'c1', captureToken: 't1' }]);
    expect(submitted).toEqual({ name: 'submitted', by: 'this_device' });
    expect(run([{ type: 'RESET' }, { type: 'RETAKE' }, { type: 'STATUS', status: 'retake' }], submitted)).toBe(submitted);
  });

  it('hands off from the primer and from camera errors, not from elsewhere', () => {
    expect(run([{ type: 'HANDOFF' }])).toEqual({ name: 'handoff', reason: 'asked', remote: 'waiting' });
    const denied = run([{ type: 'START' }, { type: 'CAMERA_FAILED', kind: 'permission_denied', message: 'no' }]);
    expect(canHandOff(denied)).toBe(true);
    expect(run([{ type: 'HANDOFF' }], denied).name).toBe('handoff');
    const uploadFailed = run([...toUploading, { type: 'UPLOAD_FAILED', message: 'x' }]);
    expect(run([{ type: 'HANDOFF' }], uploadFailed)).toBe(uploadFailed);
    const consent: CaptureState = { name: 'consent' };
    expect(sessionTransition(consent, { type: 'HANDOFF' })).toBe(consent);
  });

  it('hands off by itself when the device has no camera, and then offers no way back to it', () => {
    const handoff = run([{ type: 'START' }, { type: 'CAMERA_FAILED', kind: 'no_camera', message: 'none' }]);
    expect(handoff).toEqual({ name: 'handoff', reason: 'no_camera', remote: 'waiting' });
    expect(sessionTransition(handoff, { type: 'BACK' })).toBe(handoff);
    expect(run([{ type: 'HANDOFF' }, { type: 'BACK' }])).toEqual({ name: 'idle' });
  });

  it('follows the phone: opened (the link opened again after the hand-off), then submitted by the other device', () => {
    // This page opened the link itself: status `opened` with one open is still waiting for the phone.
    const waiting = run([{ type: 'HANDOFF' }, { type: 'SESSION_STATUS', status: 'opened', opens: 1 }]);
    expect(waiting).toMatchObject({ remote: 'waiting', opensAtStart: 1 });
    expect(sessionTransition(waiting, { type: 'SESSION_STATUS', status: 'opened', opens: 1 })).toBe(waiting);
    const opened = sessionTransition(waiting, { type: 'SESSION_STATUS', status: 'opened', opens: 2 });
    expect(opened).toMatchObject({ name: 'handoff', remote: 'opened', opensAtStart: 1 });
    expect(sessionTransition(opened, { type: 'SESSION_STATUS', status: 'processing', opens: 2 })).toEqual({
      name: 'submitted',
      by: 'other_device',
    });
  });

  it('keeps waiting when the server does not count opens', () => {
    const waiting = run([{ type: 'HANDOFF' }, { type: 'SESSION_STATUS', status: 'opened' }]);
    expect(sessionTransition(waiting, { type: 'SESSION_STATUS', status: 'opened' })).toMatchObject({ remote: 'waiting' });
  });

  it('stops at an expired or cancelled session', () => {
    const expired = run([{ type: 'HANDOFF' }, { type: 'SESSION_STATUS', status: 'expired' }]);
    expect(expired).toMatchObject({ remote: 'expired' });
    expect(sessionTransition(expired, { type: 'SESSION_STATUS', status: 'submitted' })).toBe(expired);
    expect(remoteProgress('cancelled')).toBe('cancelled');
    expect(remoteProgress('decided')).toBeNull();
  });

  it('leaves the open flow as it was', () => {
    expect(run([{ type: 'START' }])).toEqual({ name: 'requesting_permission' });
  });
});
