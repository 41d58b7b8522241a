/**
 * Front camera access: the getUserMedia constraints, the support pre-check, and the mapping of
 * browser errors onto the machine's camera error kinds.
 */
import { readStored, store } from '../../../lib/storage';
import type { CameraErrorKind } from '../machine/machine';

export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  video: {
    facingMode: 'user',
    width: { ideal: 640 },
    height: { ideal: 480 },
    frameRate: { ideal: 25, min: 15 },
  },
  audio: false,
};

export class CameraError extends Error {
  readonly kind: CameraErrorKind;
  constructor(kind: CameraErrorKind, message: string) {
    super(message);
    this.name = 'CameraError';
    this.kind = kind;
  }
}

export interface CameraEnvironment {
  isSecureContext: boolean;
  hasGetUserMedia: boolean;
  hasMediaRecorder: boolean;
}

export function currentCameraEnvironment(): CameraEnvironment {
  return {
    isSecureContext: typeof window !== 'undefined' && window.isSecureContext === true,
    hasGetUserMedia: typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function',
    hasMediaRecorder: typeof MediaRecorder !== 'undefined',
  };
}

/**
 * What stops us before even asking: browsers hide `navigator.mediaDevices` on plain http (other
 * than localhost), so check the secure context first to give the right advice.
 */
export function checkCameraSupport(env: CameraEnvironment): CameraError | null {
  if (!env.isSecureContext) {
    return new CameraError('insecure_context', 'The camera needs a secure (https) page.');
  }
  if (!env.hasGetUserMedia) return new CameraError('unsupported', 'This browser has no camera API (getUserMedia).');
  if (!env.hasMediaRecorder) return new CameraError('unsupported', 'This browser cannot record video (MediaRecorder).');
  return null;
}

/** Maps a getUserMedia rejection (a DOMException, by name) onto our error kinds. */
export function classifyCameraError(error: unknown): CameraError {
  if (error instanceof CameraError) return error;
  const name = error && typeof error === 'object' && 'name' in error ? String((error as { name: unknown }).name) : '';
  const detail = error instanceof Error && error.message ? `${name}: ${error.message}` : name || String(error);
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError': // old Chrome
    case 'SecurityError': // Firefox/Safari when a policy blocks the camera
      return new CameraError('permission_denied', detail);
    case 'NotFoundError':
    case 'DevicesNotFoundError': // old Chrome
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError':
      return new CameraError('no_camera', detail);
    case 'NotReadableError':
    case 'TrackStartError': // old Chrome
    case 'AbortError': // Firefox when the device is in use
      return new CameraError('camera_busy', detail);
    case 'TypeError':
      return new CameraError('unsupported', detail);
    default:
      return new CameraError('camera_failed', detail || 'The camera could not be started.');
  }
}

/** The constraints for one chosen camera (same size and rate; the device replaces `facingMode`). */
export function constraintsFor(deviceId: string | null): MediaStreamConstraints {
  if (!deviceId) return CAMERA_CONSTRAINTS;
  const { facingMode: _facingMode, ...video } = CAMERA_CONSTRAINTS.video as MediaTrackConstraints;
  return { ...CAMERA_CONSTRAINTS, video: { ...video, deviceId: { exact: deviceId } } };
}

/**
 * Opens the chosen camera, else the front one. A remembered camera that is gone (unplugged,
 * ids reset after clearing site data) falls back to the front camera instead of failing.
 * Rejects with a CameraError.
 */
export async function openCamera(
  deviceId: string | null = null,
  env: CameraEnvironment = currentCameraEnvironment(),
): Promise<MediaStream> {
  const unsupported = checkCameraSupport(env);
  if (unsupported) throw unsupported;
  try {
    return await navigator.mediaDevices.getUserMedia(constraintsFor(deviceId));
  } catch (error) {
    const failure = classifyCameraError(error);
    if (deviceId && failure.kind === 'no_camera') return openCamera(null, env);
    throw failure;
  }
}

export interface CameraDevice {
  deviceId: string;
  label: string;
}

/** Video inputs; labels and ids are only real once permission is granted, so call it after. */
export async function listCameras(): Promise<CameraDevice[]> {
  if (typeof navigator.mediaDevices?.enumerateDevices !== 'function') return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'videoinput' && d.deviceId).map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

/** The camera picked last time (localStorage); null when none or storage is blocked. */
export const CAMERA_STORAGE_KEY = 'selfie-check.cameraId';

export function rememberedCamera(): string | null {
  return readStored(CAMERA_STORAGE_KEY);
}

export function rememberCamera(deviceId: string): void {
  store(CAMERA_STORAGE_KEY, deviceId);
}

/** The deviceId a stream actually uses (to select it in the picker). */
export function streamDeviceId(stream: MediaStream): string {
  return stream.getVideoTracks()[0]?.getSettings().deviceId ?? '';
}

export function stopStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}

/** Track facts for telemetry. deviceId/groupId are dropped: they identify the device. */
export function describeCamera(stream: MediaStream): { cameraLabel: string; trackSettings: Record<string, unknown> } {
  const track = stream.getVideoTracks()[0];
  if (!track) return { cameraLabel: '', trackSettings: {} };
  const { deviceId: _deviceId, groupId: _groupId, ...settings } = track.getSettings();
  return { cameraLabel: track.label, trackSettings: { ...settings } };
}
