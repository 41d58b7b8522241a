import { Suspense, lazy, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { OpenCapturePage, SessionCapturePage } from '../features/capture';
import { I18nProvider, useI18n } from '../lib/i18n/i18n-provider';
import { Spinner } from '../lib/ui';
import { CaptureLayout } from './layout';
import { createQueryClient } from './query-client';

// The reviewer side (its router included) is its own chunk: the capture's first load never downloads it.
const ReviewApp = lazy(() => import('./review-app'));

function Loading() {
  const { t } = useI18n();
  return (
    <p className="flex items-center justify-center gap-2 p-10 text-slate-600" role="status">
      <Spinner className="size-4" /> {t('app.loading')}
    </p>
  );
}

function NotFound() {
  return (
    <div className="mx-auto max-w-2xl px-4 py-10">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="mt-2 text-slate-600">
        <a className="text-sky-800 underline" href="/">
          Go to the selfie check
        </a>
      </p>
    </div>
  );
}

/** The capture side's two pages, matched without a router (nothing in it navigates client-side). */
function CapturePages({ pathname }: { pathname: string }) {
  if (pathname === '/') return <OpenCapturePage />;
  const session = /^\/s\/([^/]+)\/?$/.exec(pathname);
  if (session) return <SessionCapturePage clientToken={decodeURIComponent(session[1]!)} />;
  return <NotFound />;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const { pathname } = window.location;
  const inReview = pathname === '/review' || pathname.startsWith('/review/');
  return (
    <QueryClientProvider client={queryClient}>
      {inReview ? (
        // The review side shares the capture's locale (its catalogs load with it).
        <I18nProvider>
          <Suspense fallback={<Loading />}>
            <ReviewApp />
          </Suspense>
        </I18nProvider>
      ) : (
        <CaptureLayout>
          <CapturePages pathname={pathname} />
        </CaptureLayout>
      )}
    </QueryClientProvider>
  );
}
