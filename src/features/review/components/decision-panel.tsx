import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Decision, DecisionReason, DecisionView } from '@contract/api';
import { DECISION_REASONS } from '@contract/api/enums';
import { formatDateTime } from '../../../lib/format';
import { Button, INPUT_CLASS, Notice, SMALL_BUTTON, Spinner } from '../../../lib/ui';
import { postDecision } from '../api';
import { useShortcuts } from '../shortcuts';
import { useTakeNext } from '../use-take-next';
import { DECISION_LABEL } from './badges';

const DECISION_CHOICES: Array<[Decision, string, string, string]> = [
  ['approve', 'Approve', 'Genuine person: onboarding may continue.', 'A'],
  ['reject', 'Reject', 'Deepfake, spoof or unusable capture.', 'R'],
  ['escalate', 'Escalate', 'Needs a second opinion; goes back to the queue.', 'E'],
];
const NOTE_MAX = 2000;

/** `deepfake_suspected` → "Deepfake suspected". */
export const reasonLabel = (code: string) => (code.charAt(0).toUpperCase() + code.slice(1)).replaceAll('_', ' ');

function DecisionHistory({ decisions }: { decisions: DecisionView[] }) {
  if (decisions.length === 0) return <p className="text-sm text-slate-600">No decision yet.</p>;
  return (
    <ol className="flex flex-col gap-2" data-testid="decision-history">
      {[...decisions].reverse().map((d) => (
        <li key={d.id} className="rounded-lg bg-slate-50 p-2 text-sm ring-1 ring-slate-200" data-decision={d.decision}>
          <span className="font-semibold">{DECISION_LABEL[d.decision]}</span> · {reasonLabel(d.reasonCode)}
          <span className="block text-xs text-slate-600">
            {d.by.email} · <time dateTime={d.at}>{formatDateTime(d.at)}</time>
          </span>
          {d.note ? <p className="mt-1 whitespace-pre-wrap">{d.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

const OUTCOME_STYLE: Record<Decision, string> = {
  approve: 'has-checked:bg-emerald-100 has-checked:ring-emerald-600',
  reject: 'has-checked:bg-rose-100 has-checked:ring-rose-600',
  escalate: 'has-checked:bg-violet-100 has-checked:ring-violet-600',
};

/**
 * The decision bar, stuck to the bottom of the window (from 768 px wide; on a phone it would cover half the
 * screen, so there it ends the page) so a reviewer decides without scrolling: outcome (A / R / E
 * choose it and move to the reason), reason code, note, then record (confirmed once), or record and take the next
 * case. The history of decisions folds open beneath it.
 */
export function DecisionPanel({ caseId, decisions }: { caseId: string; decisions: DecisionView[] }) {
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<Decision | ''>('');
  const [reason, setReason] = useState<DecisionReason | ''>('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [thenNext, setThenNext] = useState(false);
  const [focusReason, setFocusReason] = useState(0);
  const reasonRef = useRef<HTMLSelectElement>(null);
  const ids = useId();
  const next = useTakeNext();

  const mutation = useMutation({
    mutationFn: () =>
      postDecision(caseId, {
        decision: decision as Decision,
        reasonCode: reason as DecisionReason,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: () => {
      setConfirming(false);
      setDecision('');
      setReason('');
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
      if (thenNext) next.mutate();
    },
  });
  const busy = confirming || mutation.isPending;

  const choose = (value: Decision) => {
    if (busy) return;
    setDecision(value);
    setReason('');
    setFocusReason((n) => n + 1);
  };
  useShortcuts({ approve: () => choose('approve'), reject: () => choose('reject'), escalate: () => choose('escalate') });
  // After choosing by key, the reason is the next thing to give (the select is enabled by then).
  useEffect(() => {
    if (focusReason > 0) reasonRef.current?.focus();
  }, [focusReason]);

  const reasons: readonly string[] = decision ? DECISION_REASONS[decision] : [];
  const ready = decision !== '' && reason !== '' && note.length <= NOTE_MAX;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    if (!confirming) setConfirming(true);
    else mutation.mutate();
  };

  return (
    <section
      aria-labelledby={`${ids}-title`}
      className="z-20 -mx-4 md:sticky md:bottom-0 flex flex-col gap-2 border-t border-slate-300 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_rgba(15,23,42,0.08)] backdrop-blur"
      data-testid="decision-panel"
    >
      <form onSubmit={submit} className="flex flex-wrap items-end gap-x-3 gap-y-2">
        <h2 id={`${ids}-title`} className="self-center text-lg font-semibold">
          Decision
        </h2>
        <fieldset className="flex flex-wrap gap-1" disabled={busy}>
          <legend className="sr-only">Outcome</legend>
          {DECISION_CHOICES.map(([value, label, help, key]) => (
            <label
              key={value}
              title={help}
              className={`flex min-h-10 cursor-pointer items-center gap-2 rounded-lg px-3 text-sm font-semibold ring-1 ring-slate-300 ring-inset hover:bg-slate-50 has-focus-visible:ring-4 has-focus-visible:ring-sky-300 ${OUTCOME_STYLE[value]}`}
            >
              <input
                type="radio"
                name={`${ids}-decision`}
                value={value}
                checked={decision === value}
                onChange={() => choose(value)}
                className="size-4"
                aria-keyshortcuts={key}
                aria-describedby={`${ids}-${value}-help`}
              />
              {label}
              <kbd className="rounded bg-slate-100 px-1 text-xs font-normal text-slate-700" aria-hidden="true">
                {key}
              </kbd>
              <span id={`${ids}-${value}-help`} className="sr-only">
                {help}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-reason`} className="text-sm font-medium">
            Reason
          </label>
          <select
            id={`${ids}-reason`}
            ref={reasonRef}
            className={`${INPUT_CLASS} w-52`}
            value={reason}
            onChange={(e) => setReason(e.target.value as DecisionReason)}
            disabled={!decision || busy}
            required
          >
            <option value="">{decision ? 'Choose a reason…' : 'Choose an outcome first'}</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {reasonLabel(r)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm font-medium">
          Note (optional)
          <textarea
            className={`${INPUT_CLASS} h-10 min-h-10 resize-y`}
            rows={1}
            value={note}
            maxLength={NOTE_MAX}
            onChange={(e) => setNote(e.target.value)}
            disabled={busy}
            aria-describedby={`${ids}-count`}
          />
          <span id={`${ids}-count`} className="sr-only">
            {note.length} of {NOTE_MAX} characters
          </span>
        </label>
        <div className="flex flex-wrap gap-2">
          <Button
            type="submit"
            className={SMALL_BUTTON}
            disabled={!ready || mutation.isPending}
            variant={confirming ? 'danger' : 'primary'}
            onClick={() => {
              if (!confirming) setThenNext(false);
            }}
          >
            {mutation.isPending && !thenNext ? <Spinner className="size-4" /> : null}
            {confirming && !thenNext ? 'Confirm decision' : 'Record decision'}
          </Button>
          <Button
            type="submit"
            variant="secondary"
            className={SMALL_BUTTON}
            disabled={!ready || mutation.isPending}
            onClick={() => {
              if (!confirming) setThenNext(true);
            }}
          >
            {mutation.isPending && thenNext ? <Spinner className="size-4" /> : null}
            {confirming && thenNext ? 'Confirm and take next' : 'Record and take next'}
          </Button>
          {confirming ? (
            <Button
              variant="secondary"
              className={SMALL_BUTTON}
              onClick={() => setConfirming(false)}
              disabled={mutation.isPending}
            >
              Back
            </Button>
          ) : null}
        </div>
      </form>
      {confirming && decision ? (
        <Notice tone="warning" heading="Confirm the decision" role="alert" data-testid="decision-confirm">
          <p>
            {DECISION_CHOICES.find((c) => c[0] === decision)?.[1]} this case with reason “{reasonLabel(reason)}”
            {note.trim() ? ' and your note' : ''}
            {thenNext ? ', then open the next case' : ''}? Decisions are kept in the audit trail and cannot be edited.
          </p>
        </Notice>
      ) : null}
      {mutation.error ? (
        <Notice tone="error" role="alert" heading="The decision was not saved">
          {mutation.error.message} Your choices are kept: try again.
        </Notice>
      ) : null}
      {mutation.isSuccess ? (
        <Notice tone="success" role="status">
          Decision recorded.
          {next.isSuccess && !next.data ? ' No other case is waiting for review.' : ''}
        </Notice>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">History ({decisions.length})</summary>
        <div className="mt-2 max-h-48 overflow-auto">
          <DecisionHistory decisions={decisions} />
        </div>
      </details>
    </section>
  );
}
