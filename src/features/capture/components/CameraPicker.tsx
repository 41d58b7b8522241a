import { useI18n } from '../../../lib/i18n/I18nProvider';

export interface CameraOption {
  deviceId: string;
  label: string;
}

export interface CameraPickerProps {
  cameras: CameraOption[];
  /** The deviceId in use ('' when the browser chose). */
  value: string;
  onChange: (deviceId: string) => void;
  disabled?: boolean;
}

/** Shown when there are several cameras; a native <select> so keyboards and screen readers work as is. */
export function CameraPicker({ cameras, value, onChange, disabled }: CameraPickerProps) {
  const { t } = useI18n();
  return (
    <label className="flex w-full max-w-md items-center justify-center gap-2 text-sm text-slate-700">
      <span>{t('camera.picker')}</span>
      <select
        data-testid="camera-picker"
        className="min-h-10 max-w-[16rem] rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:ring-4 focus-visible:ring-sky-300 focus-visible:outline-none"
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      >
        {cameras.map((c, i) => (
          <option key={c.deviceId} value={c.deviceId}>
            {c.label || t('camera.unnamed', { number: i + 1 })}
          </option>
        ))}
      </select>
    </label>
  );
}
