import { useI18n } from '../../../lib/i18n/i18n-provider';
import { InlineSelect } from '../../../lib/ui';
import { DEMO_CLIPS, type SourceChoice } from '../camera/media-source';
import { SOURCE_OPTION_KEY } from './messages';

const OPTIONS = ['camera', ...DEMO_CLIPS] as const;
type Option = (typeof OPTIONS)[number];

const toChoice = (value: Option): SourceChoice => (value === 'camera' ? { kind: 'camera' } : { kind: 'demo', clip: value });

/** Camera or one of the sample clips. */
export function SourceSwitch({ value, onChange }: { value: SourceChoice; onChange: (next: SourceChoice) => void }) {
  const { t } = useI18n();
  const current: Option = value.kind === 'demo' ? value.clip : 'camera';
  return (
    <InlineSelect
      label={t('source.label')}
      className="justify-end"
      data-testid="source-switch"
      value={current}
      onChange={(e) => onChange(toChoice(e.target.value as Option))}
    >
      {OPTIONS.map((o) => (
        <option key={o} value={o}>
          {t(SOURCE_OPTION_KEY[o])}
        </option>
      ))}
    </InlineSelect>
  );
}

/** Always on screen in demo mode, so a sample clip is never mistaken for the person's own camera. */
export function DemoBanner({ clip, compact = false }: { clip: string; compact?: boolean }) {
  const { t } = useI18n();
  return (
    <div
      role="status"
      data-testid="demo-banner"
      data-clip={clip}
      className={`rounded-xl border border-violet-300 bg-violet-50 text-violet-950 ${compact ? 'px-3 py-1.5 text-sm' : 'px-4 py-3'}`}
    >
      <p className="font-semibold">{t('demo.title')}</p>
      {compact ? null : <p className="text-sm">{t('demo.body')}</p>}
    </div>
  );
}
