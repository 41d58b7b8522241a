/** The capture page's own state around the machine (./capture-page.tsx): video source, providers, screen focus. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ProviderId } from '@contract/api';
import { providersQuery } from '../../lib/providers';
import { CAMERA_SOURCE, sourceKey, type SourceChoice } from './camera/media-source';
import type { ConsentAnswer } from './consent';
import type { FitProvider } from './fitting/plan';
import { initialCaptureState, needsCamera, type transition, type CaptureState, type CaptureStateName } from './machine/machine';
import type { CaptureBinding } from './session/binding';
import { initialSource } from './settings';
import { defaultProviderIds } from './upload/api';

/** States shown as one screen: focus moves to the heading only when the screen changes. */
function screenOf(state: CaptureState): string {
  return needsCamera(state) ? 'camera' : state.name;
}

/** The end screens have their own heading (the page's one heading there), focused when they open. */
export const FOCUSES_OWN_HEADING: ReadonlySet<CaptureStateName> = new Set(['done', 'retake', 'error', 'submitted']);

/** A value that is stable for the component's lifetime (like useRef, but typed as the value). */
export function useConstant<T>(make: () => T): T {
  const ref = useRef<{ value: T } | null>(null);
  ref.current ??= { value: make() };
  return ref.current.value;
}

/** The machine's first state after the answer given on the first consent screen (consent-gate.tsx), by its own transitions. */
export function startingState(reducer: typeof transition, answer: ConsentAnswer | null): CaptureState {
  if (answer === null) return initialCaptureState;
  return reducer(initialCaptureState, answer === 'declined' ? { type: 'DECLINE' } : { type: 'CONSENT_GIVEN' });
}

/**
 * Camera or a demo clip; `?demo=<clip>` preselects. Only changeable before the camera starts,
 * so an open stream is never swapped under guidance or a recording.
 */
export function useSourceChoice(binding: CaptureBinding | null, demoClips: boolean) {
  const [source, setSource] = useState<SourceChoice>(() =>
    binding ? CAMERA_SOURCE : initialSource(window.location.search, demoClips),
  );
  const offersDemo = demoClips && !binding;
  const chooseSource = useCallback((next: SourceChoice) => {
    setSource(next);
    // Keep the address in step, so a reload or a shared link opens the same demo.
    const url = new URL(window.location.href);
    const key = sourceKey(next);
    if (key) url.searchParams.set('demo', key);
    else url.searchParams.delete('demo');
    window.history.replaceState(window.history.state, '', url);
  }, []);
  return { source, chooseSource, offersDemo };
}

/** The providers: chosen ids (null = the default selection), or the session's. */
export function useProviderChoice(binding: CaptureBinding | null) {
  const providers = useQuery(providersQuery());
  const [chosen, setChosen] = useState<ProviderId[] | null>(null);
  const providerList = providers.data?.providers;
  const selected = binding?.providers ?? chosen ?? (providerList ? defaultProviderIds(providerList) : []);
  // The chosen providers' limits, which fitting cuts and re-encodes the clip to. Keyed on the ids
  // (`selected` is a new array every render) so the ffmpeg preload effect does not re-run per frame.
  const selectedKey = selected.join(' ');
  const fitProviders = useMemo<FitProvider[]>(() => {
    const ids = new Set(selectedKey.split(' '));
    return (providerList ?? []).filter((p) => ids.has(p.id));
  }, [providerList, selectedKey]);
  // No countdown while nothing would receive the clip.
  const noProviderChosen = !!providerList && providerList.length > 0 && selected.length === 0;
  return { providers, providerList, selected, setChosen, fitProviders, noProviderChosen };
}

/** Keyboard and screen-reader users land on each new screen's heading (not on the first load): its ref. */
export function useScreenFocus(state: CaptureState, consentAnswer: ConsentAnswer | null) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const screen = screenOf(state);
  // After an answer on the first consent screen, this page's first screen is a new one too.
  const lastScreen = useRef(consentAnswer ? 'consent' : screen);
  useEffect(() => {
    if (lastScreen.current === screen) return;
    lastScreen.current = screen;
    if (!FOCUSES_OWN_HEADING.has(state.name)) headingRef.current?.focus();
  }, [screen, state.name]);
  return headingRef;
}
