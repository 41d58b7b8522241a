/** The camera side effects: hold the stream open, show it, list the cameras for the picker. */
import { useEffect, useState, type Dispatch, type RefObject } from 'react';
import { classifyCameraError, listCameras, type CameraDevice } from './camera';
import type { CaptureEvent } from '../machine/machine';
import { openSource, type OpenedSource, type SourceChoice } from './media-source';

/**
 * Holds the camera (or, in demo mode, the sample clip: see mediaSource.ts) open while `active`. Dispatches CAMERA_READY / CAMERA_FAILED, and
 * CAMERA_FAILED(camera_failed) when the track ends (camera unplugged, permission revoked).
 * Tracks are stopped when `active` turns false, on unmount and on `pagehide`.
 */
export function useCameraStream(
  active: boolean,
  choice: SourceChoice,
  /** The camera picked in the picker; changing it while active re-opens the stream. */
  deviceId: string | null,
  dispatch: Dispatch<CaptureEvent>,
): OpenedSource | null {
  const [source, setSource] = useState<OpenedSource | null>(null);

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    let opened: OpenedSource | null = null;
    const onEnded = () => dispatch({ type: 'CAMERA_FAILED', kind: 'camera_failed', message: 'The camera stopped sending video.' });
    const onPageHide = () => {
      opened?.stop();
      dispatch({ type: 'RESET' });
    };

    openSource(choice, deviceId).then(
      (s) => {
        if (cancelled) {
          s.stop();
          return;
        }
        opened = s;
        s.stream.getVideoTracks().forEach((t) => t.addEventListener('ended', onEnded));
        setSource(s);
        dispatch({ type: 'CAMERA_READY' });
      },
      (error: unknown) => {
        if (cancelled) return;
        const e = classifyCameraError(error);
        dispatch({ type: 'CAMERA_FAILED', kind: e.kind, message: e.message });
      },
    );
    window.addEventListener('pagehide', onPageHide);

    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', onPageHide);
      if (opened) {
        opened.stream.getVideoTracks().forEach((t) => t.removeEventListener('ended', onEnded));
        opened.stop();
      }
      setSource(null);
    };
  }, [active, choice, deviceId, dispatch]);

  return source;
}

/**
 * The video inputs, listed once a camera stream is open (before permission, browsers hide labels
 * and ids) and again when devices change (a webcam plugged in).
 */
export function useCameraList(stream: MediaStream | null): CameraDevice[] {
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  useEffect(() => {
    if (!stream) return;
    let cancelled = false;
    const refresh = () => {
      listCameras().then(
        (list) => {
          if (!cancelled) setCameras(list);
        },
        () => undefined, // no list, no picker: the open camera keeps working
      );
    };
    refresh();
    navigator.mediaDevices?.addEventListener?.('devicechange', refresh);
    return () => {
      cancelled = true;
      navigator.mediaDevices?.removeEventListener?.('devicechange', refresh);
    };
  }, [stream]);
  return cameras;
}

/** Attaches the stream to the preview element and starts playback (muted + playsInline for iOS). */
export function useVideoSource(videoRef: RefObject<HTMLVideoElement | null>, stream: MediaStream | null): void {
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (stream) video.play().catch(() => undefined); // autoplay attribute covers the rest
    return () => {
      video.srcObject = null;
    };
  }, [videoRef, stream]);
}

