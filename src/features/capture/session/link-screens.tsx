/** Screens of a session link that cannot (or can no longer) capture, each saying what the person can do next. */
import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import type { MessageKey } from '../../../lib/i18n/i18n';
import { Button, Spinner } from '../../../lib/ui';
import type { LinkProblem } from './link-problem';

const PROBLEM_KEYS: Record<LinkProblem, { title: MessageKey; body: MessageKey }> = {
  not_found: { title: 'link.not_found.title', body: 'link.not_found.body' },
  expired: { title: 'link.expired.title', body: 'link.expired.body' },
  cancelled: { title: 'link.cancelled.title', body: 'link.cancelled.body' },
  used: { title: 'link.used.title', body: 'link.used.body' },
  unreachable: { title: 'link.unreachable.title', body: 'link.unreachable.body' },
};

/** One screen: a single heading, then its text. */
export function Screen({ title, testId, children }: { title: string; testId: string; children?: ReactNode }) {
  return (
    <section
      data-testid={testId}
      aria-labelledby="screen-title"
      className="mx-auto flex w-full max-w-2xl flex-col gap-4 px-4 py-6 sm:py-10"
    >
      <h1 id="screen-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
        {title}
      </h1>
      {children}
    </section>
  );
}

export function LinkProblemScreen({ problem, onRetry }: { problem: LinkProblem; onRetry: () => void }) {
  const { t } = useI18n();
  const keys = PROBLEM_KEYS[problem];
  return (
    <Screen title={t(keys.title)} testId="link-problem">
      <p className="text-slate-700" data-problem={problem}>
        {t(keys.body)}
      </p>
      {problem === 'unreachable' ? (
        <Button className="self-start" onClick={onRetry}>
          {t('link.retry')}
        </Button>
      ) : null}
    </Screen>
  );
}

export function LinkLoading() {
  const { t } = useI18n();
  return (
    <p className="flex items-center justify-center gap-2 p-10 text-slate-600" role="status">
      <Spinner className="size-4" /> {t('link.loading')}
    </p>
  );
}

/** PUBLIC_CAPTURE=off: the open page has nothing to capture for. */
export function NeedsLinkScreen() {
  const { t } = useI18n();
  return (
    <Screen title={t('needsLink.title')} testId="needs-link">
      <p className="text-slate-700">{t('needsLink.body')}</p>
    </Screen>
  );
}

export function CancelledScreen() {
  const { t } = useI18n();
  return (
    <Screen title={t('cancelled.title')} testId="capture-cancelled">
      <p className="text-slate-700">{t('cancelled.body')}</p>
    </Screen>
  );
}
