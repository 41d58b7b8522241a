/** Test-only: the real vendors' limits, as GET /api/providers serves them. Never imported by app code. */
import type { VideoProbe } from '@contract/media/types';
import { ALIBABA_CN_MEDIA_LIMITS } from '../../../../server/providers/alibaba-cn/limits';
import { ALIBABA_INTL_MEDIA_LIMITS } from '../../../../server/providers/alibaba-intl/limits';
import { FINAUTH_MEDIA_LIMITS } from '../../../../server/providers/finauth/limits';
import { GLAIR_MEDIA_LIMITS } from '../../../../server/providers/glair/limits';
import { TENCENT_MEDIA_LIMITS } from '../../../../server/providers/tencent/limits';
import type { FitProvider } from './plan';

export const TENCENT: FitProvider = { id: 'tencent', displayName: 'Tencent', limits: TENCENT_MEDIA_LIMITS };
export const FINAUTH: FitProvider = { id: 'finauth', displayName: 'FinAuth', limits: FINAUTH_MEDIA_LIMITS };
export const GLAIR: FitProvider = { id: 'glair', displayName: 'GLAIR', limits: GLAIR_MEDIA_LIMITS };
export const ALIBABA_INTL: FitProvider = { id: 'alibaba-intl', displayName: 'Alibaba intl', limits: ALIBABA_INTL_MEDIA_LIMITS };
export const ALIBABA_CN: FitProvider = { id: 'alibaba-cn', displayName: 'Alibaba China', limits: ALIBABA_CN_MEDIA_LIMITS };

/** In the order GET /api/providers lists them (the e2e default selection). */
export const ALL_VENDORS: FitProvider[] = [TENCENT, FINAUTH, ALIBABA_INTL, GLAIR, ALIBABA_CN];

/** What the probe says about a Chromium MediaRecorder clip: fragmented MP4, H.264. Override what a case varies. */
export function recordingProbe(overrides: Partial<VideoProbe> = {}): VideoProbe {
  const durationS = overrides.durationS ?? 3.5;
  const fps = overrides.fps ?? 25;
  return {
    kind: 'video',
    container: 'mp4',
    mime: 'video/mp4',
    codec: 'h264',
    width: 640,
    height: 480,
    durationS,
    frameCount: Math.round(durationS * fps),
    fps,
    hasAudio: false,
    fragmented: true,
    rotation: 0,
    ...overrides,
  };
}
