/**
 * The views of an open stream: show it in the preview, list the cameras for the picker. (Holding
 * the stream open is the camera state's effect: camera-effect.ts.)
 */
import { useEffect, useState, type RefObject } from 'react';
import { listCameras, type CameraDevice } from './camera';

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
