import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useReviewI18n } from '../../lib/i18n/review-i18n';
import { Button, Notice, PageHeader, SMALL_BUTTON, Spinner } from '../../lib/ui';
import { casesQuery } from './api';
import { QueryErrorNotice } from './components/query-error-notice';
import { QueueFiltersForm } from './components/queue-filters-form';
import { QueueList } from './components/queue-list';
import { QueueTable } from './components/queue-table';
import { SavedFiltersBar } from './components/saved-filters-bar';
import { useMediaQuery } from '../../lib/use-media-query';
import { useTakeNext } from './use-take-next';
import { activeFilterCount, filtersToParams, parseFilters, type QueueFilters } from './filters';

/** Re-render ages once a minute. */
function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function TakeNextButton() {
  const mutation = useTakeNext();
  const { t } = useReviewI18n();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button onClick={() => mutation.mutate()} disabled={mutation.isPending} className={SMALL_BUTTON}>
        {mutation.isPending ? <Spinner className="size-4" /> : null}
        {t('queue.takeNext')}
      </Button>
      {mutation.isSuccess && !mutation.data ? (
        <p role="status" className="text-sm text-slate-600">
          {t('queue.nothingWaiting')}
        </p>
      ) : null}
      {mutation.error ? (
        <p role="alert" className="text-sm text-rose-800">
          {mutation.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** The review queue: filters in the URL, a table of cases, cursor pagination and "Take next". */
export function QueuePage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const now = useNow();
  const { data, error, isPending, isFetching, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } = useInfiniteQuery(
    casesQuery(filters),
  );
  const cases = data?.pages.flatMap((p) => p.cases) ?? [];
  const filtered = activeFilterCount(filters) > 0;
  // A list of cards below 768 px: a seven-column table does not fit a phone.
  const wide = useMediaQuery('(min-width: 768px)');
  const { t, plural } = useReviewI18n();

  useEffect(() => {
    document.title = t('queue.docTitle');
  }, [t]);

  const setFilters = (next: QueueFilters) => setParams(filtersToParams(next), { replace: false });

  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={t('queue.title')}>
        {isFetching && !isPending ? <Spinner className="size-4 text-slate-400" /> : null}
        <TakeNextButton />
      </PageHeader>
      <QueueFiltersForm filters={filters} onChange={setFilters} />
      <SavedFiltersBar query={filtersToParams(filters).toString()} />

      {isPending ? (
        <p className="flex items-center gap-2 text-slate-600" role="status">
          <Spinner className="size-4" /> {t('queue.loading')}
        </p>
      ) : null}
      {error ? <QueryErrorNotice error={error} what={t('queue.what')} onRetry={() => void refetch()} /> : null}
      {data && cases.length === 0 ? (
        <Notice tone="info" role="status">
          {filtered ? t('queue.noMatch') : t('queue.empty')}
        </Notice>
      ) : null}
      {cases.length > 0 ? (
        <>
          <p className="text-sm text-slate-600" aria-live="polite">
            {plural(hasNextPage ? 'queue.showingMore' : 'queue.showing', cases.length)}
          </p>
          {wide ? <QueueTable cases={cases} now={now} /> : <QueueList cases={cases} now={now} />}
        </>
      ) : null}
      {hasNextPage ? (
        <Button
          variant="secondary"
          className={`self-center ${SMALL_BUTTON}`}
          onClick={() => void fetchNextPage()}
          disabled={isFetchingNextPage}
        >
          {isFetchingNextPage ? <Spinner className="size-4" /> : null}
          {t('queue.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}
