/** The capture's own report of which camera it used (telemetry.cameraLabel). */
import type { Finding } from '../types.js';
import { matchVirtualCamera } from '../virtual-cameras.js';

export function cameraFindings(telemetry: Record<string, unknown> | undefined): Finding[] {
  const label = telemetry?.cameraLabel;
  if (typeof label !== 'string' || label === '') return [];
  const matched = matchVirtualCamera(label);
  if (!matched) return [];
  return [
    {
      code: 'virtual_camera',
      message: `The capture reports a virtual camera ("${label}"), which can feed any video into the recording.`,
      evidence: { cameraLabel: label, matched, source: 'telemetry.cameraLabel' },
    },
  ];
}
