/**
 * The reviewer side of the app (/review/*), with its router: a chunk of its own, so neither
 * react-router nor any reviewer code ships with the capture's first load. Default export for React.lazy().
 */
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { useI18n } from '../lib/i18n/i18n-provider';
import { Chrome } from './layout';
import ReviewArea from './review-area';

/** The reviewer UI: the capture's locale and switch (issue 15 item 11); its pages' strings are the review catalogs'. */
function ReviewChrome({ children }: { children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Chrome
      inReview
      skipText={t('app.skipToContent')}
      brand={t('app.reviewName')}
      languageSwitch
      homeLink={(p) => <Link to="/review" {...p} />}
    >
      {children}
    </Chrome>
  );
}

export default function ReviewApp() {
  return (
    <BrowserRouter>
      <ReviewChrome>
        <Routes>
          <Route path="review/*" element={<ReviewArea />} />
        </Routes>
      </ReviewChrome>
    </BrowserRouter>
  );
}
