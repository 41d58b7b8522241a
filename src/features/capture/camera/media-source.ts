/**
 * Where the capture's video comes from: the front camera, or (demo mode) a sample clip played in a
 * hidden <video> and turned into a MediaStream with `captureStream()`. Both resolve to the same
 * shape, so detection, recording, fitting and upload do not know which one they got.
 */
import { CameraError, openCamera as openFrontCamera, stopStream } from './camera';

export const DEMO_CLIPS = ['face', 'noface', 'twofaces'] as const;
export type DemoClip = (typeof DEMO_CLIPS)[number];

/** The page's choice: the camera, or one of the sample clips. */
export type SourceChoice = { kind: 'camera' } | { kind: 'demo'; clip: DemoClip };

export const CAMERA_SOURCE: SourceChoice = { kind: 'camera' };

export interface OpenedSource {
  stream: MediaStream;
  /** Telemetry `cameraLabel`: the device's own label, or `Demo clip (<name>)`. */
  label: string;
  /** Telemetry `source`: `camera` or `demo:<name>`, so demo cases can be told apart in review. */
  source: string;
  /** Stops the tracks and, for a clip, the player behind them. */
  stop(): void;
}

export function isDemoClip(value: string | null | undefined): value is DemoClip {
  return (DEMO_CLIPS as readonly string[]).includes(value ?? '');
}

/** `?demo=face|noface|twofaces` preselects a clip; anything else (or nothing) means the camera. */
export function sourceFromSearch(search: string): SourceChoice {
  const clip = new URLSearchParams(search).get('demo');
  return isDemoClip(clip) ? { kind: 'demo', clip } : CAMERA_SOURCE;
}

/** The choice as a `?demo=` value ('' for the camera), to keep the address shareable. */
export function sourceKey(choice: SourceChoice): string {
  return choice.kind === 'demo' ? choice.clip : '';
}

/** Telemetry's camera label for a sample clip (English on purpose: it is read by reviewers, not users). */
export function demoCameraLabel(clip: DemoClip): string {
  return `Demo clip (${clip})`;
}

export function demoClipUrl(clip: DemoClip): string {
  return `/demo/${clip}.mp4`;
}

export async function openCamera(deviceId: string | null = null): Promise<OpenedSource> {
  const stream = await openFrontCamera(deviceId);
  return {
    stream,
    label: stream.getVideoTracks()[0]?.label ?? '',
    source: 'camera',
    stop: () => stopStream(stream),
  };
}

type CapturableVideo = HTMLVideoElement & { captureStream?: () => MediaStream };

/** Resolves once the stream has a video track (captureStream adds it when the first frame decodes). */
function firstVideoTrack(stream: MediaStream): Promise<void> {
  if (stream.getVideoTracks().length > 0) return Promise.resolve();
  return new Promise((resolve) => stream.addEventListener('addtrack', () => resolve(), { once: true }));
}

/**
 * Plays `/demo/<clip>.mp4` muted, looping and inline (so autoplay is allowed and it never ends) and
 * captures it. Only the video track is kept: the recorder must not pick up a sound track.
 */
export async function openDemoClip(clip: DemoClip): Promise<OpenedSource> {
  const video = document.createElement('video') as CapturableVideo;
  if (typeof video.captureStream !== 'function' || typeof MediaRecorder === 'undefined') {
    throw new CameraError('unsupported', 'This browser cannot capture a video element (captureStream).');
  }
  video.muted = true;
  video.loop = true;
  video.playsInline = true;
  video.preload = 'auto';
  video.src = demoClipUrl(clip);
  const release = () => {
    video.pause();
    video.removeAttribute('src');
    video.load(); // drops the decoder and the network request
  };
  try {
    await video.play();
    const captured = video.captureStream();
    await firstVideoTrack(captured);
    const stream = new MediaStream(captured.getVideoTracks());
    return {
      stream,
      label: demoCameraLabel(clip),
      source: `demo:${clip}`,
      stop: () => {
        stopStream(stream);
        release();
      },
    };
  } catch (error) {
    release();
    const detail = error instanceof Error && error.message ? error.message : String(error);
    throw new CameraError('camera_failed', `The demo clip "${clip}" could not be played: ${detail}`);
  }
}

/** `deviceId`: the camera picked in the camera picker (ignored for demo clips). */
export function openSource(choice: SourceChoice, deviceId: string | null = null): Promise<OpenedSource> {
  return choice.kind === 'demo' ? openDemoClip(choice.clip) : openCamera(deviceId);
}
