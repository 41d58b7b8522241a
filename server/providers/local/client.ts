/**
 * The `local` provider: the capture-integrity screening as a Provider, for a case where no vendor
 * account is configured (or alongside them). It has no deepfake model, so it never says 'pass':
 * 'fail' when a deterministic check fails, otherwise 'review', and every result says so. It shares
 * the capture's one screening with the integrity record (same clip, same analysis).
 */
import type { CheckContext, CheckOutcome, MediaInput, Provider } from '../types.js';
import { LOCAL_SCREENING_CONFIG } from './config.js';
import { LOCAL_MEDIA_LIMITS } from './limits.js';
import { createScreeningService, ScreeningUnavailableError, type ScreeningService } from './screening-service.js';

export const LOCAL_DISPLAY_NAME = 'Local screening';
export const NO_DEEPFAKE_MODEL_TAG = LOCAL_SCREENING_CONFIG.label;

export interface LocalProviderOptions {
  screenings?: ScreeningService;
}

export function createLocalProvider(options: LocalProviderOptions = {}): Provider {
  const screenings = options.screenings ?? createScreeningService();

  async function check(media: MediaInput, ctx: CheckContext): Promise<CheckOutcome> {
    const started = performance.now();
    if (media.kind !== 'video') {
      return {
        kind: 'error',
        category: 'input',
        vendorCode: 'Local.NotVideo',
        message: 'The local screening needs a video.',
        latencyMs: 0,
        raw: null,
      };
    }
    let result;
    try {
      result = await screenings.screen({ sha256: media.sha256, bytes: media.bytes }, ctx.telemetry);
    } catch (error) {
      if (!(error instanceof ScreeningUnavailableError)) throw error;
      const category = error.reason === 'decode_timeout' ? 'timeout' : 'unavailable';
      const latencyMs = Math.round(performance.now() - started);
      return {
        kind: 'error',
        category,
        vendorCode: `Local.${error.reason}`,
        message: `The local screening could not finish: ${error.message}`,
        latencyMs,
        raw: null,
      };
    }
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
