/**
 * What the cloudauth deepfake APIs accept: the China doc (图片和视频要求; spec §4 "Input limits") and the intl doc
 * ("Image and video requirements"; spec §2 "Parameters") state the same limits, quoted here in both languages.
 * alibaba-cn/limits.ts and alibaba-intl/limits.ts re-export these under their own names.
 */
import type { MediaLimits } from '../types.js';
import type { CloudauthMediaRules } from './simulator/media.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** What the vendor refuses outright (the simulator answers a documented code for each; see simulator/media.ts). */
export const CLOUDAUTH_MEDIA_RULES = {
  image: {
    // Doc: 图片格式：JPG，JPEG。 / "Image format: JPG, JPEG."
    formats: ['jpeg'],
    // Doc: 最大不超过10 MB。 / "The maximum size is 10 MB." (guess) MB read as MiB.
    maxBytes: 10 * MiB,
    // Doc: 不超过1920*1080（高*宽），且保持照片的高大于宽。 / "The maximum resolution is 1920 × 1080 pixels
    // (height × width). The height must be greater than the width."
    maxHeightPx: 1920,
    maxWidthPx: 1080,
  },
  video: {
    // Doc: 视频格式：MP4、MOV。 / "Video format: MP4, MOV."
    containers: ['mp4', 'mov'],
    // Doc: 体积 > 100KB，最大不超过10MB。 / "The video must be larger than 100 KB. The maximum size is 10 MB."
    // (guess) KB and MB read as KiB and MiB.
    minBytesExclusive: 100 * KiB,
    maxBytes: 10 * MiB,
    // Doc: 视频长度：1~3秒。 / "Video length: 1 to 3 seconds."
    durationS: { min: 1, max: 3 },
    // Doc: 视频帧率：8 帧或8 帧以上。 / "Video frame rate: 8 frames per second (fps) or higher."
    minFps: 8,
  },
  // (guess) How long and how much the service downloads from a FaceUrl; the docs give only the DownloadTimeout code.
  download: { timeoutMs: 10_000, maxBytes: 10 * MiB },
} as const satisfies CloudauthMediaRules;

export const CLOUDAUTH_MEDIA_LIMITS: MediaLimits = {
  // The product screens selfie videos. In China video goes by FaceUrl, so it needs PUBLIC_BASE_URL (see
  // alibaba-cn/client.ts); abroad it is uploaded to OSS.
  preferred: 'video',
  video: {
    // Doc: 视频格式：MP4、MOV。 / "Video format: MP4, MOV."
    containers: ['mp4', 'mov'],
    // Doc names no codec, so none is required here.
    // Doc: 视频长度：1~3秒。 / "Video length: 1 to 3 seconds."
    durationS: { min: 1, max: 3 },
    // Doc: 8 帧或8 帧以上 / "8 frames per second (fps) or higher"; no maximum given, 60 fps is what phones record
    // at most. (guess)
    fps: { min: 8, max: 60 },
    // Doc: 建议640*480（高*宽） / recommended 640 × 480 (height × width), and no maximum for video; the image
    // maximum is reused. (guess)
    maxLongSidePx: 1920,
    maxShortSidePx: 1080,
    // Doc: 体积 > 100KB / "larger than 100 KB"; one byte over 100 KiB satisfies both readings of KB. (guess)
    minBytes: 100 * KiB + 1,
    // Doc: 最大不超过10MB / "The maximum size is 10 MB"; 10,000,000 satisfies both readings of MB. Sent raw (fetched
    // from our URL, or uploaded to OSS), not base64.
    maxBytes: 10_000_000,
    maxBytesAfterBase64: false,
    // Doc recommends 640*480 (高*宽), i.e. portrait, but does not require it.
    orientation: 'any',
  },
  image: {
    // Doc: 图片格式：JPG，JPEG。 / "Image format: JPG, JPEG."
    formats: ['jpeg'],
    // Doc: 不超过1920*1080（高*宽）。 / "The maximum resolution is 1920 × 1080 pixels (height × width)."
    maxLongSidePx: 1920,
    maxShortSidePx: 1080,
    // Doc: max 10 MB, but 建议超过1M的图片可以通过URL方式上传 / "For images larger than 1 MB, you can upload them
    // using a URL"; we always send FaceBase64, so the still stays at 1 MB (recommended: 50–100 KB). Counted before
    // base64, as the doc counts the image.
    maxBytes: 1_000_000,
    maxBytesAfterBase64: false,
    // Doc: 保持照片的高大于宽。 / "The height must be greater than the width."
    orientation: 'portrait',
  },
};
