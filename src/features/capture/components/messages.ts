/**
 * Which locale string the capture app shows for each machine value (hints, errors, retake
 * reasons…). The strings themselves are in src/lib/i18n/locales/*.json. Plain language, no scores,
 * no vendor names, no verdicts.
 */
import type { RetakeReason } from '@contract/api';
import type { MessageKey, Translate } from '../../../lib/i18n/i18n';
import type { CaptureErrorKind, CaptureStateName, CountdownAbortReason, ShownHint } from '../machine/machine';
import type { DemoClip } from '../camera/media-source';

export const TITLE_KEY: Record<CaptureStateName, MessageKey> = {
  consent: 'title.consent',
  declined: 'title.declined',
  idle: 'title.idle',
  requesting_permission: 'title.requesting_permission',
  guiding: 'title.guiding',
  countdown: 'title.countdown',
  recording: 'title.recording',
  fitting: 'title.fitting',
  review: 'title.review',
  uploading: 'title.uploading',
  processing: 'title.processing',
  done: 'title.done',
  retake: 'title.retake',
  error: 'title.error',
  handoff: 'title.handoff',
  submitted: 'title.submitted',
};

export const HINT_KEY: Record<ShownHint, MessageKey> = {
  loading: 'hint.loading',
  no_face: 'hint.no_face',
  multiple_faces: 'hint.multiple_faces',
  too_dark: 'hint.too_dark',
  too_bright: 'hint.too_bright',
  move_closer: 'hint.move_closer',
  move_back: 'hint.move_back',
  // Directions are what the person does as they see themselves in the (mirrored) preview.
  move_left: 'hint.move_left',
  move_right: 'hint.move_right',
  move_up: 'hint.move_up',
  move_down: 'hint.move_down',
  face_the_camera: 'hint.face_the_camera',
  blurry: 'hint.blurry',
  ready: 'hint.ready',
};

/** During recording the same hints apply, but "ready" means "keep going". */
export function hintKey(hint: ShownHint, recording: boolean): MessageKey {
  return recording && hint === 'ready' ? 'hint.recordingReady' : HINT_KEY[hint];
}

export const COUNTDOWN_ABORT_KEY: Record<CountdownAbortReason, MessageKey> = {
  face_lost: 'countdown.abort.face_lost',
  multiple_faces: 'countdown.abort.multiple_faces',
  left_oval: 'countdown.abort.left_oval',
};

export const SOURCE_OPTION_KEY: Record<'camera' | DemoClip, MessageKey> = {
  camera: 'source.camera',
  face: 'source.face',
  noface: 'source.noface',
  twofaces: 'source.twofaces',
};

const RETAKE_KEY: Record<RetakeReason, MessageKey> = {
  no_face: 'retake.reason.no_face',
  multiple_faces: 'retake.reason.multiple_faces',
  covered_face: 'retake.reason.covered_face',
  incomplete_face: 'retake.reason.incomplete_face',
  poor_quality: 'retake.reason.poor_quality',
  decode_failed: 'retake.reason.decode_failed',
  too_long: 'retake.reason.too_long',
  too_short: 'retake.reason.too_short',
  too_large: 'retake.reason.too_large',
};

export function retakeText(t: Translate, reason: RetakeReason | undefined): string {
  const key = reason ? RETAKE_KEY[reason] : undefined;
  return t(key ?? 'retake.reason.fallback');
}

export const ERROR_KEYS: Record<CaptureErrorKind, { title: MessageKey; body: MessageKey }> = {
  permission_denied: { title: 'error.permission_denied.title', body: 'error.permission_denied.body' },
  no_camera: { title: 'error.no_camera.title', body: 'error.no_camera.body' },
  camera_busy: { title: 'error.camera_busy.title', body: 'error.camera_busy.body' },
  insecure_context: { title: 'error.insecure_context.title', body: 'error.insecure_context.body' },
  unsupported: { title: 'error.unsupported.title', body: 'error.unsupported.body' },
  camera_failed: { title: 'error.camera_failed.title', body: 'error.camera_failed.body' },
  detector_failed: { title: 'error.detector_failed.title', body: 'error.detector_failed.body' },
  recorder_failed: { title: 'error.recorder_failed.title', body: 'error.recorder_failed.body' },
  fitting_failed: { title: 'error.fitting_failed.title', body: 'error.fitting_failed.body' },
  upload_failed: { title: 'error.upload_failed.title', body: 'error.upload_failed.body' },
  status_failed: { title: 'error.status_failed.title', body: 'error.status_failed.body' },
};
