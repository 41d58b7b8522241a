/**
 * The admins' demo panel: make a simulated vendor answer real/fake/suspicious/an error for its next N checks, and add
 * or remove a month of labelled demo cases. Hidden (and refused by the server) when no vendor is simulated.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DemoOutcome, DemoStatusResponse } from '@contract/api';
import { Button, Notice, PageHeader, SelectField, SMALL_BUTTON, Spinner, TextField } from '../../lib/ui';
import { demoStatusQuery, queueOutcome, removeDemoCases, seedDemoCases } from './api';
import { DEMO_OUTCOMES as OUTCOMES, useDemoText } from './text';
const CARD = 'flex flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200';

function SteerVendorForm({ vendors }: { vendors: DemoStatusResponse['vendors'] }) {
  const T = useDemoText();
  const headingId = useId();
  const [providerId, setProviderId] = useState(vendors[0]?.id ?? '');
  const [outcome, setOutcome] = useState<DemoOutcome>('fake');
  const [count, setCount] = useState(1);
  const mutation = useMutation({ mutationFn: () => queueOutcome(providerId, { outcome, count }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  const vendorName = (id: string) => vendors.find((v) => v.id === id)?.name ?? id;
  return (
    <form onSubmit={submit} className={CARD} aria-labelledby={headingId} data-testid="demo-steer">
      <h2 id={headingId} className="text-lg font-semibold">
        {T.steerHeading}
      </h2>
      <p className="text-sm text-slate-600">{T.steerDescription}</p>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField label={T.vendorLabel} value={providerId} onChange={(e) => setProviderId(e.target.value)}>
          {vendors.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={T.outcomeLabel} value={outcome} onChange={(e) => setOutcome(e.target.value as DemoOutcome)}>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {T.outcomeNames[o]}
            </option>
          ))}
        </SelectField>
        <TextField
          label={T.countLabel}
          inputClassName="w-24"
          type="number"
          min={1}
          max={100}
          required
          value={count}
          onValue={(v) => setCount(Math.max(1, Math.min(100, Math.round(Number(v) || 1))))}
        />
        <Button type="submit" className={SMALL_BUTTON} disabled={mutation.isPending}>
          {T.steerButton}
        </Button>
      </div>
      {mutation.data ? (
        <p role="status" className="text-sm text-emerald-800" data-testid="demo-queued">
          {T.queued(
            vendorName(mutation.data.providerId),
            T.outcomeNames[mutation.data.outcome],
            mutation.data.count,
            mutation.data.queuedAnswers,
          )}
        </p>
      ) : null}
      {mutation.error ? (
        <Notice tone="error" heading={T.failed} role="alert">
          <p>{mutation.error.message}</p>
        </Notice>
      ) : null}
    </form>
  );
}

function DemoCasesPanel({ seededCases }: { seededCases: number }) {
  const T = useDemoText();
  const headingId = useId();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string>();
  // The queue and dashboard change with the demo cases: everything cached is stale.
  const refresh = () => queryClient.invalidateQueries();
  const seed = useMutation({
    mutationFn: seedDemoCases,
    onSuccess: (r) => {
      setDone(T.seeded(r.created));
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: removeDemoCases,
    onSuccess: (r) => {
      setDone(T.removed(r.removed));
      void refresh();
    },
  });
  const error = seed.error ?? remove.error;
  return (
    <section className={CARD} aria-labelledby={headingId} data-testid="demo-cases">
      <h2 id={headingId} className="text-lg font-semibold">
        {T.seedHeading}
      </h2>
      <p className="text-sm text-slate-600">{T.seedDescription}</p>
      <p className="text-sm font-medium" data-testid="demo-seeded-count">
        {T.seededNow(seededCases)}
      </p>
      <div className="flex flex-wrap gap-3">
        <Button className={SMALL_BUTTON} disabled={seed.isPending || remove.isPending} onClick={() => seed.mutate()}>
          {T.seedButton}
        </Button>
        <Button
          variant="secondary"
          className={SMALL_BUTTON}
          disabled={seededCases === 0 || seed.isPending || remove.isPending}
          onClick={() => remove.mutate()}
        >
          {T.removeButton}
        </Button>
      </div>
      {done ? (
        <p role="status" className="text-sm text-emerald-800">
          {done}
        </p>
      ) : null}
      {error ? (
        <Notice tone="error" heading={T.failed} role="alert">
          <p>{error.message}</p>
        </Notice>
      ) : null}
    </section>
  );
}

export function DemoPage() {
  const T = useDemoText();
  const { data, error, isPending, refetch } = useQuery(demoStatusQuery());
  useEffect(() => {
    document.title = `${T.pageTitle} · ${T.docSuffix}`;
  }, [T.pageTitle, T.docSuffix]);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader title={T.pageTitle} />
      {isPending ? (
        <p role="status" className="flex items-center gap-2 text-slate-600">
          <Spinner className="size-4" /> {T.loading}
        </p>
      ) : null}
      {error ? (
        <Notice tone="error" heading={T.loadFailed} role="alert">
          <p>{error.message}</p>
          <Button variant="secondary" className={`mt-2 ${SMALL_BUTTON}`} onClick={() => void refetch()}>
            {T.tryAgain}
          </Button>
        </Notice>
      ) : null}
      {data === null ? <p className="text-slate-600">{T.off}</p> : null}
      {data ? (
        <>
          <p className="text-sm text-slate-700">{T.intro}</p>
          <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
            <SteerVendorForm vendors={data.vendors} />
            <DemoCasesPanel seededCases={data.seededCases} />
          </div>
        </>
      ) : null}
    </div>
  );
}
