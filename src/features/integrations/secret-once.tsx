import { useId, useState } from 'react';
import { Button, INPUT_CLASS, Notice, SMALL_BUTTON } from '../../lib/ui';
import { useReviewI18n } from '../../lib/i18n/review-i18n';

/** A new API key or webhook secret: shown here once, with a copy button; the server keeps only a hash (or the secret, unreadable). */
export function SecretOnce({ label, value, onDismiss }: { label: string; value: string; onDismiss: () => void }) {
  const id = useId();
  const { t } = useReviewI18n();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <Notice tone="warning" heading={t('secret.heading', { label })} data-testid="secret-once">
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="sr-only">
          {label}
        </label>
        <input
          id={id}
          readOnly
          value={value}
          data-testid="secret-value"
          className={`${INPUT_CLASS} w-full max-w-xl font-mono`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button variant="secondary" className={SMALL_BUTTON} onClick={copy}>
          {t('secret.copy')}
        </Button>
        <Button variant="secondary" className={SMALL_BUTTON} onClick={onDismiss}>
          {t('secret.stored')}
        </Button>
        <span role="status" className="text-sm">
          {copied === 'yes' ? t('secret.copied') : copied === 'failed' ? t('secret.copyFailed') : ''}
        </span>
      </div>
    </Notice>
  );
}
