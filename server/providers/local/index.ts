/**
 * The on-box capture-integrity screening as a provider: its descriptor. No account, no variables of its own (the
 * LOCAL_SCREENING_* settings belong to the screening, see ../../config.ts), no simulator.
 */
import { STANDARD_VENDOR_POLICY, type VendorPolicy } from '../../checks/vendor-policy.js';
import type { ProviderDescriptor } from '../descriptor.js';
import type { Provider } from '../types.js';
import { createLocalProvider, LOCAL_DISPLAY_NAME } from './client.js';
import { LOCAL_SCREENING_CONFIG } from './config.js';
import { LOCAL_MEDIA_LIMITS } from './limits.js';
import type { ScreeningService } from './screening-service.js';

/**
 * One clip at a time (it is CPU-bound on a small box and queues inside its worker host anyway), never retried (a
 * deterministic check gives the same answer twice), and a timeout above the host's own per-clip limit plus a queued
 * clip or two.
 */
const LOCAL_POLICY: VendorPolicy = {
  rateSlackMs: STANDARD_VENDOR_POLICY.rateSlackMs,
  maxConcurrent: 1,
  maxAttempts: 1,
  maxThrottledAnswers: 0,
  timeoutMs: { video: 2 * LOCAL_SCREENING_CONFIG.worker.timeoutMs, image: 2 * LOCAL_SCREENING_CONFIG.worker.timeoutMs },
  backoff: STANDARD_VENDOR_POLICY.backoff,
  breaker: STANDARD_VENDOR_POLICY.breaker,
};

export interface LocalDescriptor extends ProviderDescriptor {
  id: 'local';
  /** `screenings` is the one screening the capture-integrity record shares. */
  create(screenings: ScreeningService): Provider;
}

export const local: LocalDescriptor = {
  id: 'local',
  displayName: LOCAL_DISPLAY_NAME,
  policy: LOCAL_POLICY,
  limits: LOCAL_MEDIA_LIMITS,
  create: (screenings) => createLocalProvider({ screenings }),
};
