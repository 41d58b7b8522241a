/** The camera's effect: hold the stream (or, in demo mode, the sample clip) open. */
import type { Dispatch } from 'react';
import type { CaptureEvent } from '../machine/machine';
import type { Cleanup } from '../state-effects';
import { classifyCameraError } from './camera';
import { openSource, type OpenedSource, type SourceChoice } from './media-source';

export interface CameraEffectDeps {
  dispatch: Dispatch<CaptureEvent>;
  /** Hands the open source to the page (preview, picker) and to the effects that use it. */
  setMedia: (source: OpenedSource | null) => void;
}

/**
 * Opens `choice` (the picked camera `deviceId`, else the front one) and dispatches CAMERA_READY /
 * CAMERA_FAILED, and CAMERA_FAILED(camera_failed) when the track ends (camera unplugged,
 * permission revoked). The cleanup stops the tracks; `pagehide` stops them too and resets.
 */
export function holdCamera(choice: SourceChoice, deviceId: string | null, { dispatch, setMedia }: CameraEffectDeps): Cleanup {
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
      setMedia(s);
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
    setMedia(null);
  };
}
