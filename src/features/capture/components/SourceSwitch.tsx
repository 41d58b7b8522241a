import { DEMO_CLIPS, type SourceChoice } from '../mediaSource';
import { DEMO_BANNER_BODY, DEMO_BANNER_TITLE, SOURCE_OPTION_TEXT, SOURCE_SWITCH_LABEL } from '../messages';

const OPTIONS = ['camera', ...DEMO_CLIPS] as const;
type Option = (typeof OPTIONS)[number];

const toChoice = (value: Option): SourceChoice => (value === 'camera' ? { kind: 'camera' } : { kind: 'demo', clip: value });

/** Camera or one of the sample clips; a native <select> so it works with keyboard and screen readers as is. */
export function SourceSwitch({ value, onChange }: { value: SourceChoice; onChange: (next: SourceChoice) => void }) {
  const current: Option = value.kind === 'demo' ? value.clip : 'camera';
  return (
    <label className="flex items-center justify-end gap-2 text-sm text-slate-700">
      <span>{SOURCE_SWITCH_LABEL}</span>
      <select
        data-testid="source-switch"
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        value={current}
        onChange={(e) => onChange(toChoice(e.target.value as Option))}
      >
        {OPTIONS.map((o) => (
          <option key={o} value={o}>
            {SOURCE_OPTION_TEXT[o]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Always on screen in demo mode, so a sample clip is never mistaken for the person's own camera. */
export function DemoBanner({ clip }: { clip: string }) {
  return (
    <div role="status" data-testid="demo-banner" data-clip={clip} className="rounded-xl border border-violet-300 bg-violet-50 px-4 py-3 text-violet-950">
      <p className="font-semibold">{DEMO_BANNER_TITLE}</p>
      <p className="text-sm">{DEMO_BANNER_BODY}</p>
    </div>
  );
}
