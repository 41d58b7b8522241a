import { Suspense, lazy, useState } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { OpenCapturePage, SessionCapturePage } from '../features/capture';
import { useI18n } from '../lib/i18n/i18n-provider';
import { Spinner } from '../lib/ui';
import { Layout } from './layout';
import { createQueryClient } from './query-client';

// The reviewer area is its own chunk: the capture route never downloads it.
const ReviewArea = lazy(() => import('./review-area'));

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
        <Link className="text-sky-800 underline" to="/">
          Go to the selfie check
        </Link>
      </p>
    </div>
  );
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<OpenCapturePage />} />
            <Route path="s/:clientToken" element={<SessionCapturePage />} />
            <Route
              path="review/*"
              element={
                <Suspense fallback={<Loading />}>
                  <ReviewArea />
                </Suspense>
              }
            />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
