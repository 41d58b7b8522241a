import { useI18n } from '../../../lib/i18n/i18n-provider';
import type { MessageKey } from '../../../lib/i18n/i18n';
import type { ShownHint } from '../machine/machine';

/** What keeps the frame from being good, as a person would put it. */
export type TipTopic = 'light' | 'distance' | 'glasses' | 'background' | 'steady';

const TOPIC_OF: Record<ShownHint, TipTopic | null> = {
  loading: null,
  ready: null,
  too_dark: 'light',
  too_bright: 'light',
  move_closer: 'distance',
  move_back: 'distance',
  move_left: 'distance',
  move_right: 'distance',
  move_up: 'distance',
  move_down: 'distance',
  // No face found or not facing the camera: most often glasses, a hat or hair hide the eyes.
  no_face: 'glasses',
  face_the_camera: 'glasses',
  multiple_faces: 'background',
  blurry: 'steady',
};

const TIP_KEY: Record<TipTopic, MessageKey> = {
  light: 'tips.light',
  distance: 'tips.distance',
  glasses: 'tips.glasses',
  background: 'tips.background',
  steady: 'tips.steady',
};

/** The tip for the hint on screen (null when there is nothing to fix). */
export function tipFor(hint: ShownHint): TipTopic | null {
  return TOPIC_OF[hint];
}

/** Shown after a long time without a good frame: one tip for the problem at hand, and where to get help. */
export function GuidanceTips({ hint }: { hint: ShownHint }) {
  const { t } = useI18n();
  const topic = tipFor(hint);
  if (!topic) return null;
  return (
    <div data-testid="guidance-tips" data-topic={topic} className="rounded-xl bg-white p-3 text-sm text-slate-900 shadow">
      <p className="font-semibold">{t('tips.heading')}</p>
      <p className="mt-1">{t(TIP_KEY[topic])}</p>
      <details className="mt-2">
        <summary className="cursor-pointer rounded font-semibold text-sky-800 focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none">
          {t('tips.help')}
        </summary>
        <p className="mt-1 text-slate-700">{t('tips.helpBody')}</p>
      </details>
    </div>
  );
}
