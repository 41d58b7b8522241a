import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CaptureConsent } from '@contract/api';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { useFocusMode } from '../../lib/page-chrome';
import { rememberedCamera, streamDeviceId } from './camera/camera';
import { useCameraList, useVideoSource } from './camera/camera-hooks';
import type { OpenedSource } from './camera/media-source';
import { useCaptureActions } from './capture-actions';
import {
  FOCUSES_OWN_HEADING,
  startingState,
  useConstant,
  useProviderChoice,
  useScreenFocus,
  useSourceChoice,
} from './capture-page-hooks';
import { CAPTURE_EFFECTS, type CaptureEffectContext, type CaptureInputs } from './capture-effects';
import type { ConsentAnswer } from './consent';
import { CameraStage } from './components/camera-stage';
import { ConsentPanel, DeclinedPanel } from './components/consent-panel';
import { FittingPanel } from './components/fitting-panel';
import { TITLE_KEY } from './components/messages';
import { DoneOutcome, ErrorOutcome, RetakeOutcome, SubmittedOutcome } from './components/outcome';
import { Primer } from './components/primer';
import { ProcessingPanel } from './components/processing-panel';
import { ProviderPicker } from './components/provider-picker';
import { ReviewPanel } from './components/review-panel';
import { DemoBanner, SourceSwitch } from './components/source-switch';
import { StepIndicator, stepOf } from './components/step-indicator';
import { UploadPanel } from './components/upload-panel';
import { useFfmpegPreload } from './fitting/use-ffmpeg-preload';
import { DetectorStats } from './guidance/face-detector';
import { canRecord, needsCamera, needsDetector, showsManualRecord, shownHint, transition } from './machine/machine';
import { TelemetryCollector } from './recording/telemetry';
import { canHandOff, sessionTransition } from './machine/session-flow';
import type { CaptureBinding } from './session/binding';
import { HandoffPanel } from './session/handoff-panel';
import { useStateEffects } from './state-effects';
import { Button } from '../../lib/ui';

/**
 * The capture. `demoClips`: the demo source may be offered (DEMO_CLIPS). `binding`: the capture
 * belongs to an integrator's session (/s/<token>): its providers, no picker, no demo source, the
 * session flow (machine/session-flow.ts) with its handoff to a phone and its end at `submitted`.
 */
export function CapturePage({
  demoClips,
  binding = null,
  consentAnswer = null,
}: {
  demoClips: boolean;
  binding?: CaptureBinding | null;
  /** Given on the first consent screen, before this page's code was loaded. */
  consentAnswer?: ConsentAnswer | null;
}) {
  const { t, locale } = useI18n();
  // `?debug=1` draws the detector's face boxes over the preview; people never see them otherwise.
  const debug = useConstant(() => new URLSearchParams(window.location.search).get('debug') === '1');
  // The consent record (text version, time, locale), sent with the upload. The machine makes sure
  // nothing past `consent` happens without it.
  const [consent, setConsent] = useState<CaptureConsent | null>(consentAnswer === 'declined' ? null : consentAnswer);
  // The camera picked in the picker, remembered across visits.
  const [cameraId, setCameraId] = useState<string | null>(rememberedCamera);
  const { source, chooseSource, offersDemo } = useSourceChoice(binding, demoClips);

  const { providers, providerList, selected, setChosen, fitProviders, noProviderChosen } = useProviderChoice(binding);

  // --- the machine, with each state's effects (capture-effects.ts) ---
  const inputs = useRef<CaptureInputs>(null as unknown as CaptureInputs);
  inputs.current = {
    source,
    deviceId: source.kind === 'camera' ? cameraId : null,
    providers: selected,
    fitProviders,
    consent,
    autoStartBlocked: noProviderChosen,
    session: binding,
  };
  const [media, setMedia] = useState<OpenedSource | null>(null);
  const effectContext: CaptureEffectContext = {
    inputs,
    media,
    setMedia,
    videoRef: useRef<HTMLVideoElement>(null),
    canvasRef: useRef<HTMLCanvasElement>(null),
    telemetry: useRef(useConstant(() => new TelemetryCollector())),
    stats: useConstant(() => new DetectorStats()),
    recordings: useConstant(() => ({ started: 0 })),
    queryClient: useQueryClient(),
  };
  const { videoRef, canvasRef } = effectContext;
  // Bound or not for the page's whole life, so the reducer never changes under the machine.
  const reducer = binding ? sessionTransition : transition;
  const [state, dispatch] = useStateEffects(
    reducer,
    useConstant(() => startingState(reducer, consentAnswer)),
    CAPTURE_EFFECTS,
    effectContext,
  );

  const stream = media?.stream ?? null;
  useVideoSource(videoRef, stream);
  const cameras = useCameraList(source.kind === 'camera' ? stream : null);
  // Once guidance has judged a frame (the detector is loaded), fetch ffmpeg if the clip will need it.
  useFfmpegPreload(needsDetector(state) && shownHint(state) !== 'loading', fitProviders, stream);

  const title = t(TITLE_KEY[state.name]);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  const headingRef = useScreenFocus(state, consentAnswer);

  const {
    agree,
    decline,
    back,
    pickCamera,
    send,
    cancelUpload,
    playbackFailed,
    start,
    reset,
    retake,
    retry,
    record,
    handOff,
    leaveHandoff,
  } = useCaptureActions(dispatch, { locale, setConsent, setCameraId });
  const cancelEmbedded = useCallback(() => {
    dispatch({ type: 'RESET' }); // stops the camera at once
    binding?.onCancel?.();
  }, [dispatch, binding]);

  const hint = shownHint(state);
  // While the camera is live the preview is all there is: no language switch, picker or source switch.
  const live = needsCamera(state) && !!hint;
  useFocusMode(live);
  const showPicker = !binding && state.name === 'idle';
  const ownHeading = FOCUSES_OWN_HEADING.has(state.name);
  const heading = (
    <h1
      id="capture-title"
      ref={headingRef}
      tabIndex={-1}
      className={`rounded font-bold tracking-tight focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none ${
        live ? 'text-xl text-white' : 'text-2xl sm:text-3xl'
      }`}
    >
      {title}
    </h1>
  );

  return (
    <section
      data-testid="capture"
      data-state={state.name}
      aria-labelledby="capture-title"
      className="mx-auto flex w-full max-w-2xl flex-col gap-5 px-4 py-6 sm:py-10"
    >
      {live ? null : <StepIndicator step={stepOf(state)} />}
      {live || ownHeading ? null : heading}

      {source.kind === 'demo' && !live ? <DemoBanner clip={source.clip} /> : null}
      {state.name === 'idle' && offersDemo ? <SourceSwitch value={source} onChange={chooseSource} /> : null}

      {state.name === 'consent' ? <ConsentPanel onAgree={agree} onDecline={decline} /> : null}
      {state.name === 'declined' ? <DeclinedPanel onBack={back} /> : null}
      {state.name === 'idle' ? <Primer onStart={start} onBack={back} /> : null}

      {(state.name === 'requesting_permission' ||
        state.name === 'guiding' ||
        state.name === 'countdown' ||
        state.name === 'recording') &&
      hint ? (
        <CameraStage
          phase={state.name}
          heading={heading}
          hint={hint}
          tips={state.name === 'guiding' && state.tips}
          debug={debug}
          demoBanner={source.kind === 'demo' ? <DemoBanner clip={source.clip} compact /> : null}
          secondsLeft={state.name === 'countdown' ? state.secondsLeft : undefined}
          notice={state.name === 'guiding' ? state.notice : null}
          recordingProgress={state.name === 'recording' ? state.progress : 0}
          showRecord={showsManualRecord(state)}
          canRecord={canRecord(state) && !noProviderChosen}
          noProviderChosen={noProviderChosen}
          picker={
            cameras.length > 1 && stream
              ? {
                  cameras,
                  value: streamDeviceId(stream),
                  onChange: pickCamera,
                  disabled: state.name === 'requesting_permission',
                }
              : null
          }
          videoRef={videoRef}
          canvasRef={canvasRef}
          onRecord={record}
          onCancel={reset}
        />
      ) : null}

      {state.name === 'fitting' ? <FittingPanel progress={state.progress} onRetake={retake} /> : null}
      {state.name === 'review' ? (
        <ReviewPanel
          clip={state.clip.blob}
          playbackFailed={state.playbackFailed}
          onPlaybackFailed={playbackFailed}
          onSend={send}
          onRetake={retake}
        />
      ) : null}
      {state.name === 'uploading' ? <UploadPanel progress={state.progress} retry={state.retry} onCancel={cancelUpload} /> : null}

      {state.name === 'processing' ? <ProcessingPanel /> : null}

      {/* A session takes one video: its end (`submitted`) offers no second recording. */}
      {state.name === 'done' ? <DoneOutcome onAgain={binding ? null : reset} /> : null}
      {state.name === 'handoff' && binding ? <HandoffPanel state={state} url={binding.sessionUrl} onBack={leaveHandoff} /> : null}
      {state.name === 'submitted' ? (
        <SubmittedOutcome byPhone={state.by === 'other_device'} returnTo={binding?.returnTo ?? null} />
      ) : null}
      {state.name === 'retake' ? <RetakeOutcome reason={state.reason} onRetake={retake} /> : null}
      {state.name === 'error' ? (
        <ErrorOutcome
          kind={state.kind}
          message={state.message}
          canRetake={state.resume.name !== 'requesting_permission'}
          onRetry={retry}
          onRetake={retake}
          onBack={reset}
        />
      ) : null}

      {showPicker ? (
        <ProviderPicker
          providers={providerList}
          isPending={providers.isPending}
          error={providers.error}
          selected={selected}
          onChange={setChosen}
          onRetry={() => void providers.refetch()}
        />
      ) : null}

      {binding && canHandOff(state) ? (
        <Button variant="secondary" onClick={handOff} data-testid="use-phone">
          {t('handoff.usePhone')}
        </Button>
      ) : null}
      {binding?.onCancel && state.name !== 'submitted' ? (
        <Button variant="secondary" onClick={cancelEmbedded} data-testid="embed-cancel">
          {t('embed.cancel')}
        </Button>
      ) : null}

      {live ? null : <p className="text-center text-xs text-slate-600">{t('app.privacyNote')}</p>}
    </section>
  );
}
