/**
 * What DeepfakeDetect (China) accepts (vendor doc 图片和视频要求; spec §4 "Input limits"). The capture app fits media
 * to ALIBABA_CN_MEDIA_LIMITS; the simulator enforces ALIBABA_CN_HARD_LIMITS. Both cite this one file.
 */
import type { CloudauthMediaRules } from '../alibaba-acs3/simulator-media.js';
import type { MediaLimits } from '../types.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** What the vendor refuses outright (the simulator answers a code for each; see ../alibaba-acs3/simulator-media.ts). */
export const ALIBABA_CN_HARD_LIMITS = {
  media: {
    image: {
      // Doc: 图片格式：JPG，JPEG。
      formats: ['jpeg'],
      // Doc: 最大不超过10 MB. (guess) MB read as MiB.
      maxBytes: 10 * MiB,
      // Doc: 不超过1920*1080（高*宽），且保持照片的高大于宽。
      maxHeightPx: 1920,
      maxWidthPx: 1080,
    },
    video: {
      // Doc: 视频格式：MP4、MOV。
      containers: ['mp4', 'mov'],
      // Doc: 体积 > 100KB，最大不超过10MB. (guess) KB and MB read as KiB and MiB.
      minBytesExclusive: 100 * KiB,
      maxBytes: 10 * MiB,
      // Doc: 视频长度：1~3秒。
      durationS: { min: 1, max: 3 },
      // Doc: 视频帧率：8 帧或8 帧以上。
      minFps: 8,
    },
    // (guess) How long and how much the service downloads from FaceUrl; the doc says nothing about it.
    download: { timeoutMs: 10_000, maxBytes: 10 * MiB },
  } satisfies CloudauthMediaRules,
  /**
   * Doc: "API独享QPS限量" without a number, so the simulator does not throttle unless told to. (The gateway's own
   * policy uses the intl figure, 10.)
   */
  maxRequestsPerSecond: undefined,
} as const;

export const ALIBABA_CN_MEDIA_LIMITS: MediaLimits = {
  // The product screens selfie videos. Video goes by FaceUrl, so it needs PUBLIC_BASE_URL (see client.ts).
  preferred: 'video',
  video: {
    // Doc: 视频格式：MP4、MOV。
    containers: ['mp4', 'mov'],
    // Doc names no codec.
    // Doc: 视频长度：1~3秒。
    durationS: { min: 1, max: 3 },
    // Doc: 8 帧或8 帧以上; no maximum given, 60 fps is what phones record at most. (guess)
    fps: { min: 8, max: 60 },
    // Doc: 建议640*480（高*宽）for video and no maximum; the image maximum is reused. (guess)
    maxLongSidePx: 1920,
    maxShortSidePx: 1080,
    // Doc: 体积 > 100KB; one byte over 100 KiB satisfies both readings of KB. (guess)
    minBytes: 100 * KiB + 1,
    // Doc: 最大不超过10MB; 10,000,000 satisfies both readings. Fetched raw from our URL, not base64.
    maxBytes: 10_000_000,
    maxBytesAfterBase64: false,
    // Doc recommends 640*480 (高*宽), i.e. portrait, but does not require it.
    orientation: 'any',
  },
  image: {
    // Doc: 图片格式：JPG，JPEG。
    formats: ['jpeg'],
    // Doc: 不超过1920*1080（高*宽）。
    maxLongSidePx: 1920,
    maxShortSidePx: 1080,
    // Doc: 最大不超过10 MB, but 建议超过1M的图片可以通过URL方式上传; we send FaceBase64, so the still stays at 1 MB
    // (recommended 50~100 KB). Counted before base64, as the doc counts the image.
    maxBytes: 1_000_000,
    maxBytesAfterBase64: false,
    // Doc: 保持照片的高大于宽。
    orientation: 'portrait',
  },
};
