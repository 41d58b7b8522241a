import type { ReactNode } from 'react';
import { I18nProvider, useI18n } from '../lib/i18n/i18n-provider';
import { FocusModeProvider, useFocusModeOn } from '../lib/page-chrome';
import { LanguageSwitch } from './language-switch';

const SKIP_LINK =
  'sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 focus:shadow';

const BRAND_LINK =
  'flex items-center gap-2 rounded font-semibold text-slate-900 focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none';

/** The brand link to an area's start; the reviewer area passes its router's Link. */
export type HomeLink = (props: { className: string; children: ReactNode }) => ReactNode;

/**
 * Page chrome shared by both areas: skip link, a slim header, the page. Router-free: the capture
 * area does without react-router (its first load stays small), the reviewer area wraps it in its own.
 */
export function Chrome({
  inReview,
  skipText,
  brand,
  languageSwitch,
  homeLink,
  children,
}: {
  inReview: boolean;
  skipText: string;
  brand: string;
  languageSwitch: boolean;
  homeLink: HomeLink;
  children: ReactNode;
}) {
  // The live camera fills the screen: the header is covered on a phone, so it must not take focus either.
  const focusMode = useFocusModeOn();
  return (
    // The review area follows the system's dark setting (index.css); the capture keeps its light, camera-first look.
    <div className={`flex min-h-svh flex-col ${inReview ? 'theme-follows-system bg-white text-slate-900' : ''}`}>
      <a href="#main" className={SKIP_LINK}>
        {skipText}
      </a>
      <header className="border-b border-slate-200 bg-white" inert={focusMode}>
        <div className={`mx-auto flex items-center gap-3 px-4 py-3 ${inReview ? 'max-w-7xl' : 'max-w-2xl'}`}>
          {homeLink({
            className: BRAND_LINK,
            children: (
              <>
                <span
                  className="flex size-7 items-center justify-center rounded-lg bg-sky-700 text-sm text-white"
                  aria-hidden="true"
                >
                  ✓
                </span>
                {brand}
              </>
            ),
          })}
          {languageSwitch && !focusMode ? <LanguageSwitch /> : null}
        </div>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
    </div>
  );
}

function CaptureChrome({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Chrome
      inReview={false}
      skipText={t('app.skipToContent')}
      brand={t('app.name')}
      languageSwitch
      homeLink={(p) => <a href="/" {...p} />}
    >
      {children}
    </Chrome>
  );
}

/** The capture app's chrome, in the person's language, with the language switch. */
export function CaptureLayout({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <FocusModeProvider>
        <CaptureChrome>{children}</CaptureChrome>
      </FocusModeProvider>
    </I18nProvider>
  );
}
