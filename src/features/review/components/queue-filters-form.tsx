import { useEffect, useId, useState, type FormEvent } from 'react';
import { INTEGRITY_FINDING_CODES, REVIEW_STATUSES, VERDICT_FILTERS } from '@contract/api/enums';
import { useReviewI18n, type ReviewT } from '../../../lib/i18n/review-i18n';
import { Button, INPUT_CLASS, SelectField, SMALL_BUTTON } from '../../../lib/ui';
import { PROVIDER_IDS, type QueueFilters } from '../filters';

const findingOptions = (t: ReviewT): ReadonlyArray<readonly [string, string]> => [
  ['any', t('filters.anyFinding')],
  ['none', t('screening.clean')],
  ['suspected_fake', t('findingKind.suspected_fake')],
  ['bad_capture', t('findingKind.bad_capture')],
  ...INTEGRITY_FINDING_CODES.map((c) => [c, t(`finding.${c}`)] as const),
];

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
  onChange: (value: string) => void;
}) {
  const { t } = useReviewI18n();
  return (
    <SelectField
      label={label}
      labelClassName="text-xs font-medium text-slate-700"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{t('common.any')}</option>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </SelectField>
  );
}

/**
 * Filter bar of the queue. Selects apply at once; the case-id and reference searches apply together
 * on Enter / Search (one button: both fields are one search, and two buttons of the same name confuse).
 */
export function QueueFiltersForm({ filters, onChange }: { filters: QueueFilters; onChange: (f: QueueFilters) => void }) {
  const searchId = useId();
  const { t } = useReviewI18n();
  const referenceId = useId();
  const [q, setQ] = useState(filters.q ?? '');
  const [reference, setReference] = useState(filters.reference ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => setReference(filters.reference ?? ''), [filters.reference]);

  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K] | undefined) => {
    const next = { ...filters };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    onChange(next);
  };
  const search = (e: FormEvent) => {
    e.preventDefault();
    const next = { ...filters };
    delete next.q;
    delete next.reference;
    if (q.trim()) next.q = q.trim();
    if (reference.trim()) next.reference = reference.trim();
    onChange(next);
  };

  return (
    <form
      role="search"
      aria-label={t('filters.label')}
      onSubmit={search}
      className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-3 ring-1 ring-slate-200"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={searchId} className="text-xs font-medium text-slate-700">
          {t('filters.caseId')}
        </label>
        <input
          id={searchId}
          className={`${INPUT_CLASS} w-40 font-mono`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('filters.caseIdPlaceholder')}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={referenceId} className="text-xs font-medium text-slate-700">
          {t('filters.reference')}
        </label>
        <span className="flex gap-1">
          <input
            id={referenceId}
            className={`${INPUT_CLASS} w-44`}
            type="search"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            placeholder={t('filters.referencePlaceholder')}
          />
          <Button type="submit" variant="secondary" className={SMALL_BUTTON}>
            {t('filters.search')}
          </Button>
        </span>
      </div>
      {filters.applicationId ? (
        <p
          className="flex items-center gap-1 self-center rounded-lg bg-sky-50 px-2 py-1 text-xs text-sky-900"
          data-testid="application-filter"
        >
          {t('filters.application')} <span className="font-mono">{filters.applicationId}</span>
          <button
            type="button"
            className="rounded px-1 font-semibold underline focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none"
            onClick={() => set('applicationId', undefined)}
          >
            {t('filters.anyApplication')}
          </button>
        </p>
      ) : null}
      <Select
        label={t('filters.reviewStatus')}
        value={filters.status ?? ''}
        options={REVIEW_STATUSES.map((s) => [s, t(`reviewStatus.${s}`)] as const)}
        onChange={(v) => set('status', (v || undefined) as QueueFilters['status'])}
      />
      <Select
        label={t('filters.verdict')}
        value={filters.verdict ?? ''}
        options={VERDICT_FILTERS.map((v) => [v, v === 'error' ? t('filters.verdictError') : t(`verdict.${v}`)] as const)}
        onChange={(v) => set('verdict', (v || undefined) as QueueFilters['verdict'])}
      />
      <Select
        label={t('filters.vendor')}
        value={filters.vendor ?? ''}
        options={PROVIDER_IDS.map((v) => [v, v] as const)}
        onChange={(v) => set('vendor', (v || undefined) as QueueFilters['vendor'])}
      />
      <Select
        label={t('filters.screening')}
        value={filters.finding ?? ''}
        options={findingOptions(t)}
        onChange={(v) => set('finding', (v || undefined) as QueueFilters['finding'])}
      />
      <Select
        label={t('filters.disagreement')}
        value={filters.disagreement === undefined ? '' : String(filters.disagreement)}
        options={[
          ['true', t('disagree.badge')],
          ['false', t('filters.agree')],
        ]}
        onChange={(v) => set('disagreement', v === '' ? undefined : v === 'true')}
      />
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
        {t('filters.from')}
        <input
          className={INPUT_CLASS}
          type="date"
          value={filters.from ?? ''}
          onChange={(e) => set('from', e.target.value || undefined)}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
        {t('filters.to')}
        <input
          className={INPUT_CLASS}
          type="date"
          value={filters.to ?? ''}
          onChange={(e) => set('to', e.target.value || undefined)}
        />
      </label>
      <SelectField
        label={t('filters.sort')}
        labelClassName="text-xs font-medium text-slate-700"
        value={filters.sort ?? 'created_desc'}
        onChange={(e) => {
          const v = e.target.value;
          set('sort', v === 'created_asc' || v === 'risk_desc' ? v : undefined);
        }}
      >
        <option value="created_desc">{t('filters.newest')}</option>
        <option value="created_asc">{t('filters.oldest')}</option>
        <option value="risk_desc">{t('filters.riskiest')}</option>
      </SelectField>
      <Button variant="secondary" className={SMALL_BUTTON} onClick={() => onChange({})}>
        {t('filters.clear')}
      </Button>
    </form>
  );
}
