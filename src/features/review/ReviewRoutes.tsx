/**
 * The reviewer area, mounted by the app at /review/*. Default export so the app can React.lazy()
 * it: none of this code ships with the capture route.
 */
import { Outlet, Route, Routes } from 'react-router';
import { CaseDetailPage } from './CaseDetailPage';
import { CaseListPage } from './CaseListPage';

function ReviewLayout() {
  return (
    <div className="mx-auto flex w-full max-w-7xl flex-col gap-4 px-4 py-6">
      <Outlet />
    </div>
  );
}

function ReviewNotFound() {
  return <p className="text-slate-600">There is no such review page.</p>;
}

export default function ReviewRoutes() {
  return (
    <Routes>
      <Route element={<ReviewLayout />}>
        <Route index element={<CaseListPage />} />
        <Route path="cases/:id" element={<CaseDetailPage />} />
        <Route path="*" element={<ReviewNotFound />} />
      </Route>
    </Routes>
  );
}
