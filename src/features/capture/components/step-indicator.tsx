import { useI18n } from '../../../lib/i18n/i18n-provider';
import type { MessageKey } from '../../../lib/i18n/i18n';
import type { CaptureState } from '../machine/machine';

export const STEPS = ['consent', 'camera', 'check', 'send'] as const;
export type Step = (typeof STEPS)[number];

const STEP_KEY: Record<Step, MessageKey> = {
  consent: 'steps.consent',
  camera: 'steps.camera',
  check: 'steps.check',
  send: 'steps.send',
};

/** Where a screen sits in consent → camera → check (fitting, playback) → send. */
export function stepOf(state: CaptureState): Step {
  switch (state.name) {
    case 'consent':
    case 'declined':
      return 'consent';
    case 'fitting':
    case 'review':
      return 'check';
    case 'uploading':
    case 'processing':
    case 'done':
    case 'submitted':
      return 'send';
    case 'error':
      // Where "Try again" leads back to.
      return state.resume.name === 'requesting_permission' ? 'camera' : state.resume.name === 'fitting' ? 'check' : 'send';
    default:
      // The primer, the camera, a retake (record again) and the hand-off to a phone.
      return 'camera';
  }
}

/** Four labelled segments in the brand colour up to the current step. */
export function StepIndicator({ step }: { step: Step }) {
  const { t } = useI18n();
  const current = STEPS.indexOf(step);
  return (
    <ol aria-label={t('steps.label')} data-testid="steps" data-step={step} className="flex gap-2">
      {STEPS.map((s, i) => (
        <li key={s} aria-current={i === current ? 'step' : undefined} className="flex min-w-0 flex-1 flex-col gap-1">
          <span className={`h-1.5 rounded-full ${i <= current ? 'bg-sky-700' : 'bg-slate-200'}`} aria-hidden="true" />
          <span className={`text-xs whitespace-nowrap ${i === current ? 'font-semibold text-slate-900' : 'text-slate-600'}`}>
            {t(STEP_KEY[s])}
          </span>
        </li>
      ))}
    </ol>
  );
}
