import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ProviderId } from '../../../server/api-types';
import { defaultProviderIds, providersQuery } from './api';
import { CameraStage } from './components/CameraStage';
import { FittingPanel } from './components/FittingPanel';
import { DoneOutcome, ErrorOutcome, RetakeOutcome } from './components/Outcome';
import { Primer } from './components/Primer';
import { ProcessingPanel } from './components/ProcessingPanel';
import { ProviderPicker } from './components/ProviderPicker';
import { DemoBanner, SourceSwitch } from './components/SourceSwitch';
import { UploadPanel } from './components/UploadPanel';
import { DetectorStats } from './faceDetector';
import type { FitProvider } from './fitting/plan';
import { useFfmpegPreload, useFitting } from './fitting/useFitting';
import {
  useCameraStream,
  useConstant,
  useFaceGuidance,
  useMachineClock,
  useRecording,
  useUpload,
  useVideoSource,
} from './hooks';
import {
  canRecord,
  initialCaptureState,
  needsCamera,
  needsClock,
  needsDetector,
  showsManualRecord,
  shownHint,
  transition,
} from './machine';
import { sourceFromSearch, sourceKey, type SourceChoice } from './mediaSource';
import { NO_PROVIDER_TEXT } from './messages';
import { TelemetryCollector } from './telemetry';

const TITLES: Partial<Record<string, string>> = {
  idle: 'Record a short selfie video',
  requesting_permission: 'Starting the camera',
  guiding: 'Position your face',
  countdown: 'Get ready',
  recording: 'Recording',
  fitting: 'Preparing',
  uploading: 'Sending',
  processing: 'Checking',
};

export function CapturePage() {
  const [state, dispatch] = useReducer(transition, initialCaptureState);
  // Camera or a demo clip; `?demo=<clip>` preselects. Only changeable before the camera starts,
  // so an open stream is never swapped under guidance or a recording.
  const [source, setSource] = useState<SourceChoice>(() => sourceFromSearch(window.location.search));
  const chooseSource = useCallback((next: SourceChoice) => {
    setSource(next);
    // Keep the address in step, so a reload or a shared link opens the same demo.
    const url = new URL(window.location.href);
    const key = sourceKey(next);
    if (key) url.searchParams.set('demo', key);
    else url.searchParams.delete('demo');
    window.history.replaceState(window.history.state, '', url);
  }, []);

  // --- providers (chosen ids; null = the default selection) ---
  const providers = useQuery(providersQuery());
  const [chosen, setChosen] = useState<ProviderId[] | null>(null);
  const providerList = providers.data?.providers;
  const selected = chosen ?? (providerList ? defaultProviderIds(providerList) : []);
  const selectedRef = useRef<ProviderId[]>(selected);
  selectedRef.current = selected;
  // The chosen providers' limits, which fitting cuts and re-encodes the clip to. Keyed on the ids
  // (`selected` is a new array every render) so the ffmpeg preload effect does not re-run per frame.
  const selectedKey = selected.join(' ');
  const fitProviders = useMemo<FitProvider[]>(() => {
    const ids = new Set(selectedKey.split(' '));
    return (providerList ?? []).filter((p) => ids.has(p.id));
  }, [providerList, selectedKey]);
  const fitProvidersRef = useRef<readonly FitProvider[]>(fitProviders);
  fitProvidersRef.current = fitProviders;
  const noProviderChosen = !!providerList && providerList.length > 0 && selected.length === 0;
  // Read by the clock on every tick: no countdown while nothing would receive the clip.
  const autoStartBlocked = useRef(noProviderChosen);
  autoStartBlocked.current = noProviderChosen;

  // --- side effects, each keyed on the machine state ---
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const telemetryRef = useRef(useConstant(() => new TelemetryCollector()));
  const stats = useConstant(() => new DetectorStats());

  const media = useCameraStream(needsCamera(state), source, dispatch);
  const stream = media?.stream ?? null;
  useVideoSource(videoRef, stream);
  useFaceGuidance(needsCamera(state), needsDetector(state), stream, { videoRef, canvasRef, telemetryRef, stats }, dispatch);
  useMachineClock(needsClock(state), autoStartBlocked, dispatch);
  useRecording(state.name === 'recording' ? state.startedBy : null, media, telemetryRef, stats, dispatch);
  // Once guidance has judged a frame (the detector is loaded), fetch ffmpeg if the clip will need it.
  useFfmpegPreload(needsDetector(state) && shownHint(state) !== 'loading', fitProviders, stream);
  useFitting(
    state.name === 'fitting' ? state.clip : null,
    state.name === 'fitting' ? state.attempt : 0,
    fitProvidersRef,
    dispatch,
  );
  useUpload(
    state.name === 'uploading' ? state.clip : null,
    state.name === 'uploading' ? state.upload : null,
    state.name === 'uploading' ? state.attempt : 0,
    selectedRef,
    dispatch,
  );

  useEffect(() => {
    const title = TITLES[state.name];
    document.title = title ? `${title} · Selfie check` : 'Selfie check';
  }, [state.name]);

  const start = useCallback(() => dispatch({ type: 'START' }), []);
  const reset = useCallback(() => dispatch({ type: 'RESET' }), []);
  const retake = useCallback(() => dispatch({ type: 'RETAKE' }), []);
  const retry = useCallback(() => dispatch({ type: 'RETRY' }), []);
  const record = useCallback(() => dispatch({ type: 'RECORD' }), []);

  const hint = shownHint(state);
  // Kept during the countdown so the page does not jump; emptying it stops the countdown (TICK blocked).
  const showPicker = state.name === 'idle' || state.name === 'guiding' || state.name === 'countdown';

  return (
    <section
      data-testid="capture"
      data-state={state.name}
      aria-labelledby="capture-title"
      className="mx-auto flex w-full max-w-2xl flex-col gap-5 px-4 py-6 sm:py-10"
    >
      <h1 id="capture-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
        {TITLES[state.name] ?? 'Selfie video check'}
      </h1>

      {source.kind === 'demo' ? <DemoBanner clip={source.clip} /> : null}
      {state.name === 'idle' ? <SourceSwitch value={source} onChange={chooseSource} /> : null}

      {state.name === 'idle' ? <Primer onStart={start} /> : null}

      {(state.name === 'requesting_permission' ||
        state.name === 'guiding' ||
        state.name === 'countdown' ||
        state.name === 'recording') &&
      hint ? (
        <CameraStage
          phase={state.name}
          hint={hint}
          secondsLeft={state.name === 'countdown' ? state.secondsLeft : undefined}
          notice={state.name === 'guiding' ? state.notice : null}
          recordingProgress={state.name === 'recording' ? state.progress : 0}
          showRecord={showsManualRecord(state)}
          canRecord={canRecord(state) && !noProviderChosen}
          recordBlockedReason={noProviderChosen ? NO_PROVIDER_TEXT : undefined}
          videoRef={videoRef}
          canvasRef={canvasRef}
          onRecord={record}
          onCancel={reset}
        />
      ) : null}

      {state.name === 'fitting' ? <FittingPanel progress={state.progress} /> : null}
      {state.name === 'uploading' ? <UploadPanel progress={state.progress} /> : null}

      {state.name === 'processing' ? (
        <ProcessingPanel
          caseId={state.caseId}
          captureToken={state.captureToken}
          attempt={state.attempt}
          dispatch={dispatch}
        />
      ) : null}

      {state.name === 'done' ? <DoneOutcome onAgain={reset} /> : null}
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

      <p className="text-center text-xs text-slate-500">
        Your video is used only for this identity check.
      </p>
    </section>
  );
}
