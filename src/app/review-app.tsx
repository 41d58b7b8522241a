/**
 * The reviewer side of the app (/review/*), with its router: a chunk of its own, so neither
 * react-router nor any reviewer code ships with the capture's first load. Default export for React.lazy().
 */
import { useEffect } from 'react';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { Chrome } from './layout';
import ReviewArea from './review-area';

/** The reviewer UI is a staff tool and stays English. */
function ReviewChrome({ children }: { children: React.ReactNode }) {
  useEffect(() => {
    document.documentElement.lang = 'en';
  }, []);
  return (
    <Chrome
      inReview
      skipText="Skip to content"
      brand="Selfie check · Review"
      languageSwitch={false}
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
