/**
 * How the cloudauth deepfake simulators get and judge the face media: decode it with our content probe and apply
 * the docs' "Image and video requirements", answering the documented codes. Which code the real service uses for
 * each broken rule is not documented; the choices below are (guess) unless the doc names the case.
 */
import { ProbeError, type ProbeResult } from '@contract/media/types.js';
import type { GateRejection } from './gate.js';

export type ProbeMedia = (bytes: Uint8Array) => ProbeResult | Promise<ProbeResult>;
export type FaceInputType = 'IMAGE' | 'VIDEO';

export interface CloudauthMediaRules {
  image: { formats: readonly string[]; maxBytes: number; maxHeightPx: number; maxWidthPx: number };
  video: {
    containers: readonly string[];
    /** The clip must be strictly larger than this. */
    minBytesExclusive: number;
    maxBytes: number;
    durationS: { min: number; max: number };
    minFps: number;
  };
  /** How a FaceUrl is fetched: at most this long and this many bytes. */
  download: { timeoutMs: number; maxBytes: number };
}

const reject = (code: string, detail?: string): GateRejection => ({ code, detail });
const unqualified = (detail: string) => reject('UnqualifiedPhoto', detail);

/** Undefined when the media would be analysed. */
export async function checkFaceMedia(
  type: FaceInputType,
  bytes: Uint8Array,
  probe: ProbeMedia,
  rules: CloudauthMediaRules,
): Promise<GateRejection | undefined> {
  const limits = type === 'IMAGE' ? rules.image : rules.video;
  // Doc: ToolargeImage "The image is too large"; (guess) the same code for a video over 10 MB.
  if (bytes.length > limits.maxBytes) return reject('ToolargeImage', `${bytes.length} bytes`);
  if (type === 'VIDEO' && bytes.length <= rules.video.minBytesExclusive) {
    return unqualified(`a video must be larger than ${rules.video.minBytesExclusive} bytes`);
  }
  let probed: ProbeResult;
  try {
    probed = await probe(bytes);
  } catch (error) {
    // Doc: UnqualifiedPhoto "The uploaded image is unreadable".
    if (error instanceof ProbeError) return unqualified('the media cannot be decoded');
    throw error;
  }
  return type === 'IMAGE' ? checkImage(probed, rules.image) : checkVideo(probed, rules.video);
}

function checkImage(probed: ProbeResult, rules: CloudauthMediaRules['image']): GateRejection | undefined {
  if (probed.kind !== 'image' || !rules.formats.includes(probed.format)) return unqualified('only JPG/JPEG images are accepted');
  // Doc: "The maximum resolution is 1920 × 1080 pixels (height × width). The height must be greater than the width."
  if (probed.height > rules.maxHeightPx || probed.width > rules.maxWidthPx) {
    return unqualified(`${probed.width}x${probed.height} exceeds ${rules.maxWidthPx}x${rules.maxHeightPx}`);
  }
  if (probed.height <= probed.width) return unqualified('the height must be greater than the width');
  return undefined;
}

function checkVideo(probed: ProbeResult, rules: CloudauthMediaRules['video']): GateRejection | undefined {
  if (probed.kind !== 'video' || !rules.containers.includes(probed.container))
    return unqualified('only MP4 and MOV videos are accepted');
  if (probed.durationS < rules.durationS.min || probed.durationS > rules.durationS.max) {
    return unqualified(`the video lasts ${probed.durationS.toFixed(2)} s, not ${rules.durationS.min}–${rules.durationS.max} s`);
  }
  if (probed.fps < rules.minFps) return unqualified(`${probed.fps.toFixed(1)} fps is below ${rules.minFps} fps`);
  return undefined;
}

/**
 * Fetches a FaceUrl the way the service must: bounded in time and size. (guess) Every download failure is
 * DownloadTimeout (the doc's only download code), with the cause in the message; an oversize file is ToolargeImage.
 */
export async function downloadFaceUrl(
  faceUrl: string,
  fetchImpl: typeof fetch,
  rules: CloudauthMediaRules['download'],
): Promise<Buffer | GateRejection> {
  let url: URL;
  try {
    url = new URL(faceUrl);
  } catch {
    return reject('InvalidParameter', 'FaceUrl is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject('InvalidParameter', 'FaceUrl must be http(s)');
  const signal = AbortSignal.timeout(rules.timeoutMs);
  try {
    const response = await fetchImpl(url, { signal });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return reject('DownloadTimeout', `HTTP ${response.status}`);
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.byteLength;
      if (total > rules.maxBytes) {
        await reader.cancel().catch(() => undefined);
        return reject('ToolargeImage', `the download exceeds ${rules.maxBytes} bytes`);
      }
      chunks.push(read.value);
    }
    return Buffer.concat(chunks);
  } catch (error) {
    if (signal.aborted) return reject('DownloadTimeout', `no complete answer within ${rules.timeoutMs} ms`);
    return reject('DownloadTimeout', error instanceof Error ? error.message : 'the download failed');
  }
}

export function isRejection<T>(value: T | GateRejection): value is GateRejection {
  return typeof value === 'object' && value !== null && 'code' in value && !Buffer.isBuffer(value);
}
