/** The capture page's handlers: each dispatches one machine event (plus what the page keeps beside the machine). */
import { useCallback, useMemo, type Dispatch } from 'react';
import type { CaptureConsent } from '@contract/api';
import type { Locale } from '../../lib/i18n/i18n';
import { rememberCamera } from './camera/camera';
import { consentRecord } from './consent';
import type { CaptureEvent } from './machine/machine';

export function useCaptureActions(
  dispatch: Dispatch<CaptureEvent>,
  {
    locale,
    setConsent,
    setCameraId,
  }: { locale: Locale; setConsent: (c: CaptureConsent | null) => void; setCameraId: (id: string) => void },
) {
  const agree = useCallback(() => {
    setConsent(consentRecord(locale));
    dispatch({ type: 'CONSENT_GIVEN' });
  }, [locale, dispatch, setConsent]);
  const back = useCallback(() => {
    setConsent(null); // going back to the consent withdraws it
    dispatch({ type: 'BACK' });
  }, [dispatch, setConsent]);
  const pickCamera = useCallback(
    (deviceId: string) => {
      rememberCamera(deviceId);
      setCameraId(deviceId);
      dispatch({ type: 'SWITCH_CAMERA' });
    },
    [dispatch, setCameraId],
  );
  return useMemo(() => {
    const on = (event: CaptureEvent) => () => dispatch(event);
    return {
      agree,
      back,
      pickCamera,
      decline: on({ type: 'DECLINE' }),
      send: on({ type: 'SEND' }),
      cancelUpload: on({ type: 'CANCEL_UPLOAD' }),
      playbackFailed: on({ type: 'PLAYBACK_FAILED' }),
      start: on({ type: 'START' }),
      reset: on({ type: 'RESET' }),
      retake: on({ type: 'RETAKE' }),
      retry: on({ type: 'RETRY' }),
      record: on({ type: 'RECORD' }),
      handOff: on({ type: 'HANDOFF' }),
      // Back from the handoff keeps the consent (it leads to the primer, not to the consent screen).
      leaveHandoff: on({ type: 'BACK' }),
    };
  }, [agree, back, pickCamera, dispatch]);
}
