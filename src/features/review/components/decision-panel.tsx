import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Decision, DecisionReason, DecisionView } from '@contract/api';
import { DECISION_REASONS } from '@contract/api/enums';
import { formatDateTime } from '../../../lib/format';
import { Button, INPUT_CLASS, Notice, SelectField, SMALL_BUTTON, Spinner } from '../../../lib/ui';
import { postDecision } from '../api';
import { DECISION_LABEL } from './badges';

const DECISION_CHOICES: Array<[Decision, string, string]> = [
  ['approve', 'Approve', 'Genuine person: onboarding may continue.'],
  ['reject', 'Reject', 'Deepfake, spoof or unusable capture.'],
  ['escalate', 'Escalate', 'Needs a second opinion; goes back to the queue.'],
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

/** The reviewer's decision: choose, give a reason code and a note, confirm; then the history. */
export function DecisionPanel({ caseId, decisions }: { caseId: string; decisions: DecisionView[] }) {
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<Decision | ''>('');
  const [reason, setReason] = useState<DecisionReason | ''>('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const ids = useId();

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
    },
  });

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
      className="flex flex-col gap-3 rounded-2xl bg-white p-4 ring-1 ring-slate-200 sm:p-5"
      data-testid="decision-panel"
    >
      <h2 id={`${ids}-title`} className="text-lg font-semibold">
        Decision
      </h2>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <fieldset className="flex flex-col gap-1" disabled={confirming || mutation.isPending}>
          <legend className="mb-1 text-sm font-medium">Outcome</legend>
          {DECISION_CHOICES.map(([value, label, help]) => (
            <label key={value} className="flex items-start gap-2 rounded-lg p-1.5 text-sm hover:bg-slate-50">
              <input
                type="radio"
                name={`${ids}-decision`}
                value={value}
                checked={decision === value}
                onChange={() => {
                  setDecision(value);
                  setReason('');
                }}
                className="mt-0.5 size-4"
              />
              <span>
                <span className="font-semibold">{label}</span> <span className="text-slate-600">— {help}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <SelectField
          label="Reason"
          value={reason}
          onChange={(e) => setReason(e.target.value as DecisionReason)}
          disabled={!decision || confirming || mutation.isPending}
          required
        >
          <option value="">{decision ? 'Choose a reason…' : 'Choose an outcome first'}</option>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {reasonLabel(r)}
            </option>
          ))}
        </SelectField>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Note (optional)
          <textarea
            className={`${INPUT_CLASS} min-h-20`}
            value={note}
            maxLength={NOTE_MAX}
            onChange={(e) => setNote(e.target.value)}
            disabled={confirming || mutation.isPending}
            aria-describedby={`${ids}-count`}
          />
          <span id={`${ids}-count`} className="text-xs font-normal text-slate-600">
            {note.length} / {NOTE_MAX}
          </span>
        </label>
        {confirming && decision ? (
          <Notice tone="warning" heading="Confirm the decision" role="alert" data-testid="decision-confirm">
            <p>
              {DECISION_CHOICES.find((c) => c[0] === decision)?.[1]} this case with reason “{reasonLabel(reason)}”
              {note.trim() ? ' and your note' : ''}? Decisions are kept in the audit trail and cannot be edited.
            </p>
          </Notice>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button
            type="submit"
            className={SMALL_BUTTON}
            disabled={!ready || mutation.isPending}
            variant={confirming ? 'danger' : 'primary'}
          >
            {mutation.isPending ? <Spinner className="size-4" /> : null}
            {confirming ? 'Confirm decision' : 'Record decision'}
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
        {mutation.error ? (
          <Notice tone="error" role="alert" heading="The decision was not saved">
            {mutation.error.message} Your choices are kept: try again.
          </Notice>
        ) : null}
        {mutation.isSuccess ? (
          <Notice tone="success" role="status">
            Decision recorded.
          </Notice>
        ) : null}
      </form>
      <h3 className="mt-2 text-sm font-semibold tracking-wide text-slate-700 uppercase">History</h3>
      <DecisionHistory decisions={decisions} />
    </section>
  );
}
