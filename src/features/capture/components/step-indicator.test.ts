import { describe, expect, it } from 'vitest';
import { clip, upload } from '../machine/machine.test-helpers';
import { initialGuidingState } from '../machine/machine';
import { stepOf } from './step-indicator';

describe('stepOf', () => {
  it('puts every screen in consent → camera → check → send', () => {
    expect(stepOf({ name: 'consent' })).toBe('consent');
    expect(stepOf({ name: 'declined' })).toBe('consent');
    expect(stepOf({ name: 'idle' })).toBe('camera');
    expect(stepOf(initialGuidingState)).toBe('camera');
    expect(stepOf({ name: 'fitting', clip, progress: 0 })).toBe('check');
    expect(stepOf({ name: 'review', clip, upload, playbackFailed: false })).toBe('check');
    expect(stepOf({ name: 'uploading', clip, upload, progress: 0.5, retry: null })).toBe('send');
    expect(stepOf({ name: 'done', caseId: 'c1' })).toBe('send');
    expect(stepOf({ name: 'submitted', by: 'this_device' })).toBe('send');
    expect(stepOf({ name: 'retake' })).toBe('camera');
  });
  it('places an error where its "Try again" leads', () => {
    const error = { name: 'error', kind: 'upload_failed', message: '' } as const;
    expect(stepOf({ ...error, resume: { name: 'requesting_permission' } })).toBe('camera');
    expect(stepOf({ ...error, resume: { name: 'fitting', clip } })).toBe('check');
    expect(stepOf({ ...error, resume: { name: 'uploading', clip, upload } })).toBe('send');
  });
});
