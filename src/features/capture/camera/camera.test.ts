import { describe, expect, it } from 'vitest';
import { CAMERA_CONSTRAINTS, CameraError, checkCameraSupport, classifyCameraError, constraintsFor } from './camera';

function domError(name: string, message = 'x'): Error {
  const e = new Error(message);
  e.name = name;
  return e;
}

describe('classifyCameraError', () => {
  it.each([
    ['NotAllowedError', 'permission_denied'],
    ['SecurityError', 'permission_denied'],
    ['NotFoundError', 'no_camera'],
    ['OverconstrainedError', 'no_camera'],
    ['NotReadableError', 'camera_busy'],
    ['AbortError', 'camera_busy'],
    ['TypeError', 'unsupported'],
    ['SomethingNew', 'camera_failed'],
  ])('%s → %s', (name, kind) => {
    expect(classifyCameraError(domError(name)).kind).toBe(kind);
  });

  it('works on plain objects with a name (OverconstrainedError is not an Error in Chrome)', () => {
    expect(classifyCameraError({ name: 'OverconstrainedError', constraint: 'frameRate' }).kind).toBe('no_camera');
  });

  it('keeps the browser detail in the message', () => {
    expect(classifyCameraError(domError('NotReadableError', 'Device in use')).message).toBe('NotReadableError: Device in use');
  });

  it('passes CameraError through', () => {
    const e = new CameraError('insecure_context', 'm');
    expect(classifyCameraError(e)).toBe(e);
  });
});

describe('checkCameraSupport', () => {
  const ok = { isSecureContext: true, hasGetUserMedia: true, hasMediaRecorder: true };
  it('null when everything is there', () => {
    expect(checkCameraSupport(ok)).toBeNull();
  });
  it('insecure context wins (mediaDevices is hidden on http)', () => {
    expect(checkCameraSupport({ ...ok, isSecureContext: false, hasGetUserMedia: false })?.kind).toBe('insecure_context');
  });
  it('no getUserMedia or no MediaRecorder → unsupported', () => {
    expect(checkCameraSupport({ ...ok, hasGetUserMedia: false })?.kind).toBe('unsupported');
    expect(checkCameraSupport({ ...ok, hasMediaRecorder: false })?.kind).toBe('unsupported');
  });
});

describe('constraintsFor', () => {
  it('asks for the front camera when none is picked', () => {
    expect(constraintsFor(null)).toBe(CAMERA_CONSTRAINTS);
  });

  it('asks for exactly the picked camera, same size and frame rate, no facingMode', () => {
    const c = constraintsFor('abc');
    expect(c.audio).toBe(false);
    expect(c.video).toEqual({
      deviceId: { exact: 'abc' },
      width: { ideal: 640 },
      height: { ideal: 480 },
      frameRate: { ideal: 25, min: 15 },
    });
  });
});
