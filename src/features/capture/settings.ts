/**
 * The open capture page (`/`) under the server's settings (GET /api/capture-settings):
 * PUBLIC_CAPTURE=off → the page explains that a link from the service is needed; DEMO_CLIPS=off →
 * no demo source, and `?demo=` is ignored. The server enforces both; the page only follows.
 */
import type { CaptureSettings } from '@contract/api';
import { CAMERA_SOURCE, sourceFromSearch, type SourceChoice } from './camera/media-source';

/** While the settings cannot be read: the open page, but no demo clips (the safe side of DEMO_CLIPS). */
export const FALLBACK_SETTINGS: CaptureSettings = { publicCapture: true, demoClips: false };

export function effectiveSettings(loaded: CaptureSettings | undefined, failed: boolean): CaptureSettings | undefined {
  if (loaded) return loaded;
  return failed ? FALLBACK_SETTINGS : undefined;
}

/** The first video source: `?demo=<clip>` only where demo clips are allowed. */
export function initialSource(search: string, demoClips: boolean): SourceChoice {
  return demoClips ? sourceFromSearch(search) : CAMERA_SOURCE;
}
