import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Decision, DecisionReason, DecisionView } from '@contract/api';
import { DECISION_REASONS } from '@contract/api/enums';
import { REVIEW_ENGLISH, useReviewI18n, type ReviewT } from '../../../lib/i18n/review-i18n';
import { Button, INPUT_CLASS, Notice, SMALL_BUTTON, Spinner } from '../../../lib/ui';
import { postDecision } from '../api';
import { useShortcuts } from '../shortcuts';
import { useTakeNext } from '../use-take-next';

/** Outcome, shortcut key; the words are `choice.<outcome>` and `choiceHelp.<outcome>`. */
const DECISION_CHOICES: Array<[Decision, string]> = [
  ['approve', 'A'],
  ['reject', 'R'],
  ['escalate', 'E'],
];
const NOTE_MAX = 2000;

/** `deepfake_suspected` → "Deepfake suspected". */
export const reasonLabel = (code: string) => (code.charAt(0).toUpperCase() + code.slice(1)).replaceAll('_', ' ');

/** A known reason code in the reader's language; an unknown one (a newer server's) as its readable code. */
function reasonText(t: ReviewT, code: string): string {
  const key = `reason.${code}`;
  return key in REVIEW_ENGLISH ? t(key as keyof typeof REVIEW_ENGLISH) : reasonLabel(code);
}

function DecisionHistory({ decisions }: { decisions: DecisionView[] }) {
  const { t, dateTime } = useReviewI18n();
  if (decisions.length === 0) return <p className="text-sm text-slate-600">{t('decide.none')}</p>;
  return (
    <ol className="flex flex-col gap-2" data-testid="decision-history">
      {[...decisions].reverse().map((d) => (
        <li key={d.id} className="rounded-lg bg-slate-50 p-2 text-sm ring-1 ring-slate-200" data-decision={d.decision}>
          <span className="font-semibold">{t(`decision.${d.decision}`)}</span> · {reasonText(t, d.reasonCode)}
          <span className="block text-xs text-slate-600">
            {d.by.email} · <time dateTime={d.at}>{dateTime(d.at)}</time>
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
  const { t } = useReviewI18n();

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
          {t('decide.title')}
        </h2>
        <fieldset className="flex flex-wrap gap-1" disabled={busy}>
          <legend className="sr-only">{t('decide.outcome')}</legend>
          {DECISION_CHOICES.map(([value, key]) => (
            <label
              key={value}
              title={t(`choiceHelp.${value}`)}
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
              {t(`choice.${value}`)}
              <kbd className="rounded bg-slate-100 px-1 text-xs font-normal text-slate-700" aria-hidden="true">
                {key}
              </kbd>
              <span id={`${ids}-${value}-help`} className="sr-only">
                {t(`choiceHelp.${value}`)}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-reason`} className="text-sm font-medium">
            {t('decide.reason')}
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
            <option value="">{decision ? t('decide.chooseReason') : t('decide.chooseOutcome')}</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {reasonText(t, r)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex min-w-48 flex-1 flex-col gap-1 text-sm font-medium">
          {t('decide.note')}
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
            {t('decide.noteCount', { n: note.length, max: NOTE_MAX })}
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
            {confirming && !thenNext ? t('decide.confirm') : t('decide.record')}
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
            {confirming && thenNext ? t('decide.confirmNext') : t('decide.recordNext')}
          </Button>
          {confirming ? (
            <Button
              variant="secondary"
              className={SMALL_BUTTON}
              onClick={() => setConfirming(false)}
              disabled={mutation.isPending}
            >
              {t('common.back')}
            </Button>
          ) : null}
        </div>
      </form>
      {confirming && decision ? (
        <Notice tone="warning" heading={t('decide.confirmHeading')} role="alert" data-testid="decision-confirm">
          <p>
            {t(`confirm.${decision}${note.trim() ? 'Note' : ''}${thenNext ? 'Next' : ''}`, { reason: reasonText(t, reason) })}{' '}
            {t('decide.permanent')}
          </p>
        </Notice>
      ) : null}
      {mutation.error ? (
        <Notice tone="error" role="alert" heading={t('decide.notSaved')}>
          {mutation.error.message} {t('decide.kept')}
        </Notice>
      ) : null}
      {mutation.isSuccess ? (
        <Notice tone="success" role="status">
          {t('decide.recorded')}
          {next.isSuccess && !next.data ? ` ${t('case.noOther')}` : ''}
        </Notice>
      ) : null}
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">{t('decide.history', { n: decisions.length })}</summary>
        <div className="mt-2 max-h-48 overflow-auto">
          <DecisionHistory decisions={decisions} />
        </div>
      </details>
    </section>
  );
}
