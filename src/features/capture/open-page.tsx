/**
 * `/`: the open capture, as the server's settings allow (settings.ts): with PUBLIC_CAPTURE=off it
 * only explains that a link from the integrating service is needed.
 */
import { useQuery } from '@tanstack/react-query';
import { Capture } from './consent-gate';
import { captureSettingsQuery } from './session/api';
import { LinkLoading, NeedsLinkScreen } from './session/link-screens';
import { effectiveSettings } from './settings';

export function OpenCapturePage() {
  const { data, isError } = useQuery(captureSettingsQuery());
  const settings = effectiveSettings(data, isError);
  if (!settings) return <LinkLoading />;
  if (!settings.publicCapture) return <NeedsLinkScreen />;
  return <Capture demoClips={settings.demoClips} />;
}
