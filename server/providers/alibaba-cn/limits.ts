/**
 * What DeepfakeDetect (China) accepts (vendor doc 图片和视频要求; spec §4 "Input limits"). The capture app fits media
 * to ALIBABA_CN_MEDIA_LIMITS; the simulator enforces ALIBABA_CN_HARD_LIMITS. The media limits are the intl product's
 * too, so both come from ../alibaba-acs3/media-limits.ts, which cites both docs.
 */
import { CLOUDAUTH_MEDIA_LIMITS, CLOUDAUTH_MEDIA_RULES } from '../alibaba-acs3/media-limits.js';
import type { MediaLimits } from '../types.js';

/** What the vendor refuses outright (the simulator answers a code for each; see ../alibaba-acs3/simulator/media.ts). */
export const ALIBABA_CN_HARD_LIMITS = {
  media: CLOUDAUTH_MEDIA_RULES,
  /**
   * Doc: "API独享QPS限量" without a number, so the simulator does not throttle unless told to. (The gateway's own
   * policy uses the intl figure, 10.)
   */
  maxRequestsPerSecond: undefined,
} as const;

export const ALIBABA_CN_MEDIA_LIMITS: MediaLimits = CLOUDAUTH_MEDIA_LIMITS;
