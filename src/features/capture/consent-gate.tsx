/**
 * The first screen of every capture, in the first load: the consent, and nothing else. The rest of
 * the capture (machine, camera, guidance, recording, fitting, upload) is a chunk of its own,
 * fetched, together with the face detector (tasks-vision, its wasm and the model), while the person
 * reads, so the camera screen can judge its first frame soon after "Start camera" even on a slow
 * link. Fetching code is all that happens before the answer: nothing is sent, the camera is untouched.
 */
import { Suspense, lazy, useEffect, useState } from 'react';
import { useI18n } from '../../lib/i18n/i18n-provider';
import { Button } from '../../lib/ui';
import type { CaptureBinding } from './session/binding';
import { preloadDetectorFiles } from './guidance/detector-files';
import { ConsentPanel } from './components/consent-panel';
import { TITLE_KEY } from './components/messages';
import { DemoBanner } from './components/source-switch';
import { StepIndicator } from './components/step-indicator';
import { consentRecord, type ConsentAnswer } from './consent';
import { LinkLoading } from './session/link-screens';
import { initialSource } from './settings';

const loadCapturePage = () => import('./capture-page');
const CapturePage = lazy(() => loadCapturePage().then((m) => ({ default: m.CapturePage })));

/** Fetches and compiles the rest of the capture while the consent is read. A failure is forgotten: the camera screen loads again and reports it. */
export function prefetchCapture(): void {
  preloadDetectorFiles();
  loadCapturePage().catch(() => undefined);
  import('./guidance/face-detector').then((m) => m.loadFaceDetector()).catch(() => undefined);
}

interface CaptureProps {
  demoClips: boolean;
  binding?: CaptureBinding | null;
}

/** The consent screen as the capture page draws it in its `consent` state (same landmarks, heading and test ids). */
function ConsentScreen({ demoClips, binding = null, onAnswer }: CaptureProps & { onAnswer: (a: ConsentAnswer) => void }) {
  const { t, locale } = useI18n();
  const [source] = useState(() => (binding ? null : initialSource(window.location.search, demoClips)));
  const title = t(TITLE_KEY.consent);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <section
      data-testid="capture"
      data-state="consent"
      aria-labelledby="capture-title"
      className="mx-auto flex w-full max-w-2xl flex-col gap-5 px-4 py-6 sm:py-10"
    >
      <StepIndicator step="consent" />
      <h1
        id="capture-title"
        tabIndex={-1}
        className="rounded text-2xl font-bold tracking-tight focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none sm:text-3xl"
      >
        {title}
      </h1>
      {source?.kind === 'demo' ? <DemoBanner clip={source.clip} /> : null}
      <ConsentPanel onAgree={() => onAnswer(consentRecord(locale))} onDecline={() => onAnswer('declined')} />
      {binding?.onCancel ? (
        <Button variant="secondary" onClick={binding.onCancel} data-testid="embed-cancel">
          {t('embed.cancel')}
        </Button>
      ) : null}
      <p className="text-center text-xs text-slate-600">{t('app.privacyNote')}</p>
    </section>
  );
}

/** The capture: the consent screen first, then the capture page (lazily loaded) from the person's answer on. */
export function Capture(props: CaptureProps) {
  const [answer, setAnswer] = useState<ConsentAnswer | null>(null);
  useEffect(prefetchCapture, []);
  if (answer === null) return <ConsentScreen {...props} onAnswer={setAnswer} />;
  return (
    <Suspense fallback={<LinkLoading />}>
      <CapturePage {...props} consentAnswer={answer} />
    </Suspense>
  );
}
