/** Create or edit an application: name, allowed and default providers, return-URL and embedding origins. */
import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { CreateApplicationRequest, ProviderId } from '@contract/api';
import { providersQuery } from '../../lib/providers';
import { Button, INPUT_CLASS, Notice, SMALL_BUTTON, Spinner, TextField } from '../../lib/ui';
import { requestFromForm, toggle, type ApplicationFormValues } from './form-values';
import { useReviewI18n } from '../../lib/i18n/review-i18n';

function ProviderBoxes({
  legend,
  all,
  value,
  onChange,
  disabledIds,
}: {
  legend: string;
  all: readonly ProviderId[];
  value: readonly ProviderId[];
  onChange: (next: ProviderId[]) => void;
  disabledIds?: ReadonlySet<ProviderId>;
}) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-3">
        {all.map((id) => (
          <label key={id} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={value.includes(id)}
              disabled={disabledIds?.has(id)}
              onChange={(e) => onChange(toggle(value, id, e.target.checked, all))}
            />
            {id}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function ApplicationForm({
  title,
  initial,
  submitText,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  title: string;
  initial: ApplicationFormValues;
  submitText: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (request: CreateApplicationRequest) => void;
  onCancel?: () => void;
}) {
  const titleId = useId();
  const { t } = useReviewI18n();
  const providers = useQuery(providersQuery());
  const [values, setValues] = useState(initial);
  const set = <K extends keyof ApplicationFormValues>(key: K, value: ApplicationFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const all = providers.data?.providers.map((p) => p.id) ?? [];
  const notAllowed = new Set(all.filter((id) => !values.allowedProviders.includes(id)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(requestFromForm(values));
  };
  return (
    <form
      onSubmit={submit}
      aria-labelledby={titleId}
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200"
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      <TextField label={t('appForm.name')} required maxLength={120} value={values.name} onValue={(v) => set('name', v)} />
      {providers.isPending ? <p className="text-sm text-slate-600">{t('appForm.loadingProviders')}</p> : null}
      {providers.error ? <Notice tone="error">{providers.error.message}</Notice> : null}
      <ProviderBoxes
        legend={t('appForm.allowed')}
        all={all}
        value={values.allowedProviders}
        onChange={(v) => set('allowedProviders', v)}
      />
      <ProviderBoxes
        legend={t('appForm.defaults')}
        all={all}
        value={values.defaultProviders.filter((p) => !notAllowed.has(p))}
        onChange={(v) => set('defaultProviders', v)}
        disabledIds={notAllowed}
      />
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t('appForm.returnOrigins')}
        <textarea
          className={`${INPUT_CLASS} font-mono`}
          rows={2}
          value={values.returnUrlOrigins}
          onChange={(e) => set('returnUrlOrigins', e.target.value)}
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t('appForm.embedOrigins')}
        <textarea
          className={`${INPUT_CLASS} font-mono`}
          rows={2}
          value={values.embedOrigins}
          onChange={(e) => set('embedOrigins', e.target.value)}
        />
      </label>
      {error ? (
        <Notice tone="error" role="alert">
          {error.message}
        </Notice>
      ) : null}
      <div className="flex gap-2">
        <Button
          type="submit"
          className={SMALL_BUTTON}
          disabled={pending || !values.name.trim() || values.allowedProviders.length === 0}
        >
          {pending ? <Spinner className="size-4" /> : null}
          {submitText}
        </Button>
        {onCancel ? (
          <Button variant="secondary" className={SMALL_BUTTON} onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
