/**
 * The `local` provider: the capture-integrity screening as a Provider, for a case where no vendor
 * account is configured (or alongside them). It has no deepfake model, so it never says 'pass':
 * 'fail' when a deterministic check fails, otherwise 'review', and every result says so.
 */
import type { CheckContext, CheckOutcome, MediaInput, Provider } from '../types.js';
import { LOCAL_MEDIA_LIMITS } from './limits.js';
import { runLocalScreening } from './run-local-screening.js';
import type { ScreeningHost } from './screening-host.js';

export const LOCAL_DISPLAY_NAME = 'Local screening (no deepfake model)';
export const NO_DEEPFAKE_MODEL_TAG = 'local screening — no deepfake model';

export interface LocalProviderOptions {
  /** Defaults to the process-wide worker host. */
  host?: ScreeningHost;
}

export function createLocalProvider(options: LocalProviderOptions = {}): Provider {
  async function check(media: MediaInput, _ctx: CheckContext): Promise<CheckOutcome> {
    // The Provider contract carries no telemetry, so the virtual-camera check runs only in runLocalScreening's
    // capture-integrity call (which gets the case telemetry); the clip checks are the same here.
    const started = performance.now();
    if (media.kind !== 'video') {
      return { kind: 'error', category: 'input', vendorCode: 'Local.NotVideo', message: 'The local screening needs a video.', latencyMs: 0, raw: null };
    }
    const result = await runLocalScreening(media.bytes, undefined, options.host);
    return {
      kind: 'result',
      verdict: result.verdict,
      riskTags: [NO_DEEPFAKE_MODEL_TAG, ...result.findings.map((f) => f.code)],
      latencyMs: Math.round(performance.now() - started),
      // Frames stay out of `raw` (stored as JSON with the check); the capture-integrity record keeps them.
      raw: { label: result.label, findings: result.findings, measurements: result.measurements, timingsMs: result.timingsMs },
    };
  }

  return { id: 'local', displayName: LOCAL_DISPLAY_NAME, mode: 'local', limits: LOCAL_MEDIA_LIMITS, check };
}
