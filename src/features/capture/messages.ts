/**
 * Everything the end user reads during capture, in one place. Plain language, no scores, no
 * vendor names, no verdicts.
 */
import type { RetakeReason } from '../../../server/api-types';
import type { CaptureErrorKind, CountdownAbortReason, ShownHint } from './machine';
import type { DemoClip } from './mediaSource';
import { RECORDING_MS } from './recorder';

const RECORDING_SECONDS = RECORDING_MS / 1000;

export const HINT_TEXT: Record<ShownHint, string> = {
  loading: 'Getting the camera ready…',
  no_face: 'Move your face into the frame',
  multiple_faces: 'Make sure only your face is in the frame',
  too_dark: 'Find more light — face a window or lamp',
  too_bright: 'Too bright — move away from the bright light',
  move_closer: 'Move closer to the camera',
  move_back: 'Move back a little',
  // Directions are what the person does as they see themselves in the (mirrored) preview.
  move_left: 'Move a little to your left',
  move_right: 'Move a little to your right',
  move_up: 'Move your face up a little',
  move_down: 'Move your face down a little',
  face_the_camera: 'Look straight at the camera',
  blurry: 'Hold still — the picture is blurry',
  ready: 'Looks good — hold still',
};

/** During recording the same hints apply, but "ready" means "keep going". */
export const RECORDING_HINT_TEXT: Record<ShownHint, string> = {
  ...HINT_TEXT,
  ready: 'Hold still…',
};

/** Announced (assertive) and shown under the hint on every countdown step. */
export function countdownText(secondsLeft: number): string {
  return `Recording starts in ${secondsLeft}…`;
}

/** Why a countdown stopped; stays until the person is ready again. */
export const COUNTDOWN_ABORT_TEXT: Record<CountdownAbortReason, string> = {
  face_lost: 'Countdown stopped: we lost sight of your face. Move back into the oval.',
  multiple_faces: 'Countdown stopped: someone else came into view. Only your face should be in the frame.',
  left_oval: 'Countdown stopped: keep your face inside the oval.',
};

export const AUTO_START_HELP_TEXT = `Recording starts by itself when your face is in the oval. It records ${RECORDING_SECONDS} seconds.`;
export const MANUAL_RECORD_HELP_TEXT = `Having trouble? You can press Record to start the ${RECORDING_SECONDS}-second recording yourself.`;
export const MANUAL_RECORD_NEEDS_FACE_TEXT = 'Record works once one face is in the frame.';
export const RECORDING_HELP_TEXT = 'Keep your face in the frame until the recording stops.';
export const NO_PROVIDER_TEXT = 'Choose at least one check below to start recording.';

// Demo mode: a sample clip stands in for the camera (machines without one). Say so plainly, so
// nobody mistakes the sample for themselves.
export const DEMO_BANNER_TITLE = 'Demo mode — sample clip, not your camera';
export const DEMO_BANNER_BODY = 'The video below is a sample clip. Nothing from your camera is used or sent.';
export const SOURCE_SWITCH_LABEL = 'Video source';
export const SOURCE_OPTION_TEXT: Record<'camera' | DemoClip, string> = {
  camera: 'Camera',
  face: 'Demo: one face',
  noface: 'Demo: no face',
  twofaces: 'Demo: two faces',
};
/** Telemetry's camera label for a sample clip (English on purpose: it is read by reviewers, not users). */
export function demoCameraLabel(clip: DemoClip): string {
  return `Demo clip (${clip})`;
}

export const PERMISSION_PROMPT_TEXT = 'Allow camera access when your browser asks';

export const RETAKE_TEXT: Record<RetakeReason, string> = {
  no_face: "We couldn't see your face. Face the camera in good light and keep your whole face in the frame.",
  multiple_faces: 'We saw more than one face. Make sure only you are in the picture.',
  covered_face:
    'Something was covering your face. Take off sunglasses, masks or hats and keep your hands away from your face.',
  incomplete_face: 'Part of your face was outside the picture. Keep your whole face inside the frame.',
  poor_quality: 'The video was not clear enough. Find better light, wipe the camera lens and hold still.',
  decode_failed: "We couldn't read your video. Please record it again.",
  too_long: 'The video was longer than we can accept. Please record it again.',
  too_short: 'The video was too short. Keep still until the recording finishes.',
  too_large: 'The video file was too large to check. Please record it again.',
};

export const RETAKE_FALLBACK_TEXT = 'We need you to record your video again.';

export function retakeText(reason: RetakeReason | undefined): string {
  return (reason && RETAKE_TEXT[reason]) || RETAKE_FALLBACK_TEXT;
}

export interface ErrorCopy {
  title: string;
  body: string;
  /** Step-by-step help, per browser where it differs. */
  steps?: Array<{ label: string; text: string }>;
}

export const ERROR_COPY: Record<CaptureErrorKind, ErrorCopy> = {
  permission_denied: {
    title: 'Camera access is blocked',
    body: 'We need your camera to record a short video. Allow camera access for this site, then tap Try again.',
    steps: [
      {
        label: 'Chrome / Edge',
        text: 'Tap the camera or settings icon next to the web address, set Camera to Allow, then reload if asked.',
      },
      {
        label: 'Safari on iPhone / iPad',
        text: 'Tap "aA" in the address bar › Website Settings › Camera › Allow. Or Settings › Safari › Camera › Allow.',
      },
      { label: 'Safari on Mac', text: 'Safari › Settings for This Website › Camera › Allow.' },
      {
        label: 'Firefox',
        text: 'Click the crossed-out camera icon in the address bar and remove "Blocked temporarily", or allow it under Permissions.',
      },
    ],
  },
  no_camera: {
    title: "We couldn't find a camera",
    body: 'Connect a camera (or open this page on your phone), then tap Try again.',
  },
  camera_busy: {
    title: 'Your camera is busy',
    body: 'Another app or browser tab is using the camera (for example a video call). Close it, then tap Try again.',
  },
  insecure_context: {
    title: 'This page is not secure',
    body: 'Browsers only allow the camera on secure pages. Open this page with an address starting with https://.',
  },
  unsupported: {
    title: "This browser can't record video",
    body: 'Please open this page in a recent version of Chrome, Safari, Firefox or Edge.',
  },
  camera_failed: {
    title: 'The camera stopped working',
    body: 'Check that your camera is connected and not used by another app, then tap Try again.',
  },
  detector_failed: {
    title: "Face guidance couldn't start",
    body: 'Part of the page did not load. Check your connection, then tap Try again.',
  },
  recorder_failed: {
    title: 'Recording failed',
    body: 'Something went wrong while recording. Tap Try again to record again.',
  },
  fitting_failed: {
    title: "Your video couldn't be prepared",
    body: 'The recording could not be made to fit the checks. Tap Record again; if it happens again, try another browser.',
  },
  upload_failed: {
    title: "Your video wasn't sent",
    body: 'Check your connection, then tap Try again. Your video is kept on this device until it is sent.',
  },
  status_failed: {
    title: "We couldn't check on your video",
    body: 'Your video was received. Check your connection, then tap Try again.',
  },
};
