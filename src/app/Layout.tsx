import { Link, Outlet, useLocation } from 'react-router';

/** Page chrome shared by both areas: skip link, a slim header, the routed page. */
export function Layout() {
  const { pathname } = useLocation();
  const inReview = pathname.startsWith('/review');
  return (
    <div className="flex min-h-svh flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded-lg focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className={`mx-auto flex items-center gap-3 px-4 py-3 ${inReview ? 'max-w-7xl' : 'max-w-2xl'}`}>
          <Link to={inReview ? '/review' : '/'} className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="flex size-7 items-center justify-center rounded-lg bg-sky-700 text-sm text-white" aria-hidden="true">
              ✓
            </span>
            {inReview ? 'Selfie check · Review' : 'Selfie check'}
          </Link>
        </div>
      </header>
      <main id="main" className="flex-1">
        <Outlet />
      </main>
    </div>
  );
}
