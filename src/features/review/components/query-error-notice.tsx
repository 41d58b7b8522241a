import { isApiRequestError } from '../../../lib/http';
import { useReviewI18n } from '../../../lib/i18n/review-i18n';
import { Button, Notice } from '../../../lib/ui';

/**
 * What the reviewer sees when a query fails. A 401 normally redirects to login (lib/http's
 * handler); this notice covers the moment before the redirect.
 */
export function QueryErrorNotice({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  const { t } = useReviewI18n();
  if (isApiRequestError(error) && error.status === 401) {
    return (
      <Notice tone="warning" heading={t('qerr.authHeading')} role="alert" data-testid="auth-required">
        <p>{t('qerr.auth', { what })}</p>
      </Notice>
    );
  }
  if (isApiRequestError(error) && error.status === 403) {
    return (
      <Notice tone="warning" heading={t('qerr.forbiddenHeading')} role="alert">
        <p>{t('qerr.forbidden', { what })}</p>
      </Notice>
    );
  }
  if (isApiRequestError(error) && error.status === 404) {
    return (
      <Notice tone="warning" heading={t('qerr.notFoundHeading')} role="alert">
        <p>{error.message && error.message !== 'Not found.' ? error.message : t('qerr.notFound', { what })}</p>
      </Notice>
    );
  }
  return (
    <Notice tone="error" heading={t('qerr.loadFailed', { what })} role="alert">
      <p>{error instanceof Error ? error.message : t('qerr.generic')}</p>
      {onRetry ? (
        <Button variant="secondary" className="mt-3 min-h-10 px-3 py-1.5 text-sm" onClick={onRetry}>
          {t('common.tryAgain')}
        </Button>
      ) : null}
    </Notice>
  );
}
