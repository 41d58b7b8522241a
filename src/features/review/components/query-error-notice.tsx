import { isApiRequestError } from '../../../lib/http';
import { Button, Notice } from '../../../lib/ui';

/**
 * What the reviewer sees when a query fails. A 401 normally redirects to login (lib/http's
 * handler); this notice covers the moment before the redirect.
 */
export function QueryErrorNotice({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  if (isApiRequestError(error) && error.status === 401) {
    return (
      <Notice tone="warning" heading="Sign-in required" role="alert" data-testid="auth-required">
        <p>You need to sign in as a reviewer to see {what}.</p>
      </Notice>
    );
  }
  if (isApiRequestError(error) && error.status === 403) {
    return (
      <Notice tone="warning" heading="No access" role="alert">
        <p>Your account is not allowed to see {what}.</p>
      </Notice>
    );
  }
  if (isApiRequestError(error) && error.status === 404) {
    return (
      <Notice tone="warning" heading="Not found" role="alert">
        <p>{error.message && error.message !== 'Not found.' ? error.message : `We could not find ${what}.`}</p>
      </Notice>
    );
  }
  return (
    <Notice tone="error" heading={`Couldn't load ${what}`} role="alert">
      <p>{error instanceof Error ? error.message : 'Something went wrong.'}</p>
      {onRetry ? (
        <Button variant="secondary" className="mt-3 min-h-10 px-3 py-1.5 text-sm" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </Notice>
  );
}
