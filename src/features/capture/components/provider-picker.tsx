import type { ProviderId, ProviderInfo } from '@contract/api';
import { isApiRequestError } from '../../../lib/http';
import { useI18n } from '../../../lib/i18n/i18n-provider';
import type { MessageKey } from '../../../lib/i18n/i18n';
import { Button, Notice } from '../../../lib/ui';

export interface ProviderPickerProps {
  providers: ProviderInfo[] | undefined;
  isPending: boolean;
  error: unknown;
  selected: readonly ProviderId[];
  onChange: (ids: ProviderId[]) => void;
  onRetry: () => void;
  disabled?: boolean;
}

const MODE_LABEL: Record<ProviderInfo['mode'], MessageKey> = {
  live: 'providers.mode.live',
  simulated: 'providers.mode.simulated',
  local: 'providers.mode.local',
};

/** Which screening providers get the clip. Defaults are chosen by the page (all but `local`). */
export function ProviderPicker({ providers, isPending, error, selected, onChange, onRetry, disabled }: ProviderPickerProps) {
  const { t } = useI18n();
  const toggle = (id: ProviderId, on: boolean) => {
    const next = on ? [...selected, id] : selected.filter((x) => x !== id);
    // keep the server's order
    onChange((providers ?? []).map((p) => p.id).filter((x) => next.includes(x)));
  };

  return (
    <fieldset className="rounded-2xl bg-white p-3 ring-1 ring-slate-200 sm:p-4" disabled={disabled}>
      <legend className="px-1 text-sm font-semibold text-slate-700">{t('providers.legend')}</legend>
      {isPending ? <p className="text-sm text-slate-600">{t('providers.loading')}</p> : null}
      {error ? (
        <Notice tone="warning" heading={t('providers.loadFailed')}>
          <p>
            {isApiRequestError(error) ? error.message : t('providers.somethingWrong')} {t('providers.defaultUsed')}
          </p>
          <Button variant="secondary" className="mt-2 min-h-10 px-3 py-1.5 text-sm" onClick={onRetry}>
            {t('error.tryAgain')}
          </Button>
        </Notice>
      ) : null}
      {providers && providers.length === 0 ? <p className="text-sm text-slate-600">{t('providers.none')}</p> : null}
      {providers && providers.length > 0 ? (
        <ul className="flex flex-col gap-1">
          {providers.map((p) => (
            <li key={p.id}>
              <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg px-1 hover:bg-slate-50 sm:px-2">
                <input
                  type="checkbox"
                  name="providers"
                  value={p.id}
                  className="size-5 accent-sky-700"
                  checked={selected.includes(p.id)}
                  onChange={(e) => toggle(p.id, e.currentTarget.checked)}
                />
                {/* Name on one line, the mode under it: "… DeepfakeDetect (China) (simulated)" wrapped at 390 px. */}
                <span className="flex min-w-0 flex-col py-1">
                  <span
                    data-testid="provider-name"
                    className="truncate text-sm whitespace-nowrap sm:text-base"
                    title={p.displayName}
                  >
                    {p.displayName}
                  </span>
                  <span className="text-xs whitespace-nowrap text-slate-600">{t(MODE_LABEL[p.mode])}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {providers && providers.length > 0 && selected.length === 0 ? (
        <p className="mt-2 text-sm font-medium text-rose-700">{t('providers.chooseOne')}</p>
      ) : null}
    </fieldset>
  );
}
