import { useI18n } from '../../../lib/i18n/i18n-provider';
import { InlineSelect } from '../../../lib/ui';
import type { CameraDevice } from '../camera/camera';

export interface CameraPickerProps {
  cameras: CameraDevice[];
  /** The deviceId in use ('' when the browser chose). */
  value: string;
  onChange: (deviceId: string) => void;
  disabled?: boolean;
}

/** Shown when there are several cameras. */
export function CameraPicker({ cameras, value, onChange, disabled }: CameraPickerProps) {
  const { t } = useI18n();
  return (
    <InlineSelect
      label={t('camera.picker')}
      className="w-full max-w-md justify-center"
      selectClassName="max-w-[16rem]"
      data-testid="camera-picker"
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
    >
      {cameras.map((c, i) => (
        <option key={c.deviceId} value={c.deviceId}>
          {c.label || t('camera.unnamed', { number: i + 1 })}
        </option>
      ))}
    </InlineSelect>
  );
}
