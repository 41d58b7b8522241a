import { useEffect, useId, useState, type FormEvent } from 'react';
import { INTEGRITY_FINDING_CODES, REVIEW_STATUSES, VERDICT_FILTERS } from '@contract/api/enums';
import { Button, INPUT_CLASS, SelectField, SMALL_BUTTON } from '../../../lib/ui';
import { PROVIDER_IDS, type QueueFilters } from '../filters';
import { FINDING_KIND_LABEL, FINDING_LABEL } from '../risk';

const FINDING_OPTIONS: ReadonlyArray<readonly [string, string]> = [
  ['any', 'Any finding'],
  ['none', 'No findings'],
  ['suspected_fake', FINDING_KIND_LABEL.suspected_fake],
  ['bad_capture', FINDING_KIND_LABEL.bad_capture],
  ...INTEGRITY_FINDING_CODES.map((c) => [c, FINDING_LABEL[c]] as const),
];

const STATUS_LABEL = { new: 'New', in_review: 'In review', decided: 'Decided' } as const;

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
  return (
    <SelectField
      label={label}
      labelClassName="text-xs font-medium text-slate-700"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">Any</option>
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
      aria-label="Filter cases"
      onSubmit={search}
      className="flex flex-wrap items-end gap-3 rounded-2xl bg-white p-3 ring-1 ring-slate-200"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor={searchId} className="text-xs font-medium text-slate-700">
          Case id
        </label>
        <input
          id={searchId}
          className={`${INPUT_CLASS} w-40 font-mono`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="id or prefix"
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={referenceId} className="text-xs font-medium text-slate-700">
          Reference
        </label>
        <span className="flex gap-1">
          <input
            id={referenceId}
            className={`${INPUT_CLASS} w-44`}
            type="search"
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            placeholder="applicant reference"
          />
          <Button type="submit" variant="secondary" className={SMALL_BUTTON}>
            Search
          </Button>
        </span>
      </div>
      {filters.applicationId ? (
        <p
          className="flex items-center gap-1 self-center rounded-lg bg-sky-50 px-2 py-1 text-xs text-sky-900"
          data-testid="application-filter"
        >
          Application <span className="font-mono">{filters.applicationId}</span>
          <button
            type="button"
            className="rounded px-1 font-semibold underline focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none"
            onClick={() => set('applicationId', undefined)}
          >
            Any application
          </button>
        </p>
      ) : null}
      <Select
        label="Review status"
        value={filters.status ?? ''}
        options={REVIEW_STATUSES.map((s) => [s, STATUS_LABEL[s]] as const)}
        onChange={(v) => set('status', (v || undefined) as QueueFilters['status'])}
      />
      <Select
        label="Verdict"
        value={filters.verdict ?? ''}
        options={VERDICT_FILTERS.map((v) => [v, v] as const)}
        onChange={(v) => set('verdict', (v || undefined) as QueueFilters['verdict'])}
      />
      <Select
        label="Vendor"
        value={filters.vendor ?? ''}
        options={PROVIDER_IDS.map((v) => [v, v] as const)}
        onChange={(v) => set('vendor', (v || undefined) as QueueFilters['vendor'])}
      />
      <Select
        label="Local screening"
        value={filters.finding ?? ''}
        options={FINDING_OPTIONS}
        onChange={(v) => set('finding', (v || undefined) as QueueFilters['finding'])}
      />
      <Select
        label="Disagreement"
        value={filters.disagreement === undefined ? '' : String(filters.disagreement)}
        options={[
          ['true', 'Vendors disagree'],
          ['false', 'Vendors agree'],
        ]}
        onChange={(v) => set('disagreement', v === '' ? undefined : v === 'true')}
      />
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
        From
        <input
          className={INPUT_CLASS}
          type="date"
          value={filters.from ?? ''}
          onChange={(e) => set('from', e.target.value || undefined)}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
        To
        <input
          className={INPUT_CLASS}
          type="date"
          value={filters.to ?? ''}
          onChange={(e) => set('to', e.target.value || undefined)}
        />
      </label>
      <SelectField
        label="Sort"
        labelClassName="text-xs font-medium text-slate-700"
        value={filters.sort ?? 'created_desc'}
        onChange={(e) => {
          const v = e.target.value;
          set('sort', v === 'created_asc' || v === 'risk_desc' ? v : undefined);
        }}
      >
        <option value="created_desc">Newest first</option>
        <option value="created_asc">Oldest first</option>
        <option value="risk_desc">Riskiest first</option>
      </SelectField>
      <Button variant="secondary" className={SMALL_BUTTON} onClick={() => onChange({})}>
        Clear filters
      </Button>
    </form>
  );
}
