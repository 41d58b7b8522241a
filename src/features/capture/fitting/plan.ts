/**
 * Decides, per chosen provider, what the recording needs before that provider can take it: nothing
 * (`as-is`), a stream-copy cut (`trim`) or container change (`remux`), a re-encode (`transcode`),
 * or nothing can help (`impossible`, with the reason). Pure: the server's own probe results and
 * fit check (`checkFit`) decide, so the browser and the server judge a clip the same way.
 */
import type { MediaLimits, ProviderId, VideoLimits } from '@contract/api';
import type { VideoProbe } from '@contract/media/types';
import { DURATION_TOLERANCE_S, FPS_TOLERANCE, checkFit, displayedSize, type FitViolation } from '@contract/media/fit-check';

export interface FitProvider {
  id: ProviderId;
  /** For messages; the id when absent. */
  displayName?: string;
  limits: MediaLimits;
}

export interface RecordingFacts {
  probe: VideoProbe;
  byteLength: number;
}

/** Stream copy (`-c copy`) into MP4, cut after `durationS` seconds. */
export interface TrimAction {
  kind: 'trim';
  durationS: number;
}

/** Stream copy into MP4 without cutting: only the container is wrong. */
export interface RemuxAction {
  kind: 'remux';
}

/** Re-encode to MP4/H.264 at this size, constant frame rate and bitrate (cut when `durationS` is set). */
export interface TranscodeAction {
  kind: 'transcode';
  width: number;
  height: number;
  /**
   * Always set: without it ffmpeg makes the MP4 constant-rate at the rate it GUESSES for the input,
   * and for a MediaRecorder WebM (millisecond timestamps, no frame rate) that guess can be 1000 fps,
   * every frame duplicated 40 times (seen in our e2e run). The recording's average rate, within the limits.
   */
  fps: number;
  /** Cut after this many seconds; null keeps the whole clip. */
  durationS: number | null;
  bitsPerSecond: number;
}

/** Something ffmpeg has to make. */
export type FitJobAction = TrimAction | RemuxAction | TranscodeAction;

export type FitAction = { kind: 'as-is' } | FitJobAction | { kind: 'impossible'; reason: string };

export interface ProviderFitPlan {
  providerId: ProviderId;
  action: FitAction;
  /** What the recording misses for this provider (empty for `as-is`). */
  violations: FitViolation[];
}

/** One ffmpeg output, shared by every provider whose plan is the same. */
export interface FitJob {
  /** Stable text of the action; equal keys make one file. */
  key: string;
  action: FitJobAction;
  providerIds: ProviderId[];
}

export interface FittingPlan {
  perProvider: ProviderFitPlan[];
  /** Providers that take the recording unchanged. */
  asIs: ProviderId[];
  jobs: FitJob[];
  impossible: Array<{ providerId: ProviderId; reason: string }>;
}

/**
 * Cut this far below a provider's maximum: a stream copy can only cut at a frame boundary and
 * keeps the frame that starts before the cut (`-t 3` gave 3.037 s in our measurements), and a
 * 15 fps clip's frame is 0.067 s.
 */
export const TRIM_MARGIN_S = 0.2;

/** Re-encode target when the byte limits leave room (≈ 0.6 MB per 5 s: the measured planning figure). */
export const TRANSCODE_DEFAULT_BPS = 1_000_000;
/** Below this an H.264 face clip is too smeared to be worth sending. */
export const TRANSCODE_MIN_BPS = 150_000;
/** Share of a byte limit the encoder aims for: x264's rate control overshoots, and MP4 boxes add a little. */
const BYTE_BUDGET_SHARE = 0.8;
/** `-bufsize` is one second of bitrate, so the file may exceed bitrate × duration by one second's worth. */
const VBV_BUFFER_S = 1;
/** Stream copy keeps bytes about in proportion to time; ask this much headroom over a minimum size. */
const MIN_BYTES_HEADROOM = 1.2;
/** Aim this far above a minimum size when re-encoding to reach it. */
const MIN_BYTES_TARGET = 1.5;

/** Codecs an MP4 can carry by stream copy and vendors decode. VP8/VP9/AV1 in MP4 are not safe bets. */
const COPYABLE_INTO_MP4 = new Set(['h264']);

export function planFitting(recording: RecordingFacts, providers: readonly FitProvider[]): FittingPlan {
  const perProvider = providers.map((p) => planForProvider(recording, p));
  const jobs: FitJob[] = [];
  for (const plan of perProvider) {
    const action = plan.action;
    if (action.kind === 'as-is' || action.kind === 'impossible') continue;
    const key = actionKey(action);
    const job = jobs.find((j) => j.key === key);
    if (job) job.providerIds.push(plan.providerId);
    else jobs.push({ key, action, providerIds: [plan.providerId] });
  }
  return {
    perProvider,
    asIs: perProvider.filter((p) => p.action.kind === 'as-is').map((p) => p.providerId),
    jobs,
    impossible: perProvider.flatMap((p) =>
      p.action.kind === 'impossible' ? [{ providerId: p.providerId, reason: p.action.reason }] : [],
    ),
  };
}

export function planForProvider(recording: RecordingFacts, provider: FitProvider): ProviderFitPlan {
  const fit = checkFit(recording.probe, recording.byteLength, provider.limits);
  if (fit.ok) return { providerId: provider.id, action: { kind: 'as-is' }, violations: [] };
  const violations = fit.violations;
  return { providerId: provider.id, action: chooseAction(recording, provider.limits.video, violations), violations };
}

function chooseAction(recording: RecordingFacts, limits: VideoLimits | undefined, violations: FitViolation[]): FitAction {
  const { probe, byteLength } = recording;
  const broken = new Set(violations.map((v) => v.rule));
  const message = (rule: FitViolation['rule']) => violations.find((v) => v.rule === rule)?.message ?? rule;
  if (!limits) return impossible(message('kind'));
  // What no cut or re-encode can fix: it is missing from the recording itself.
  if (!limits.containers.includes('mp4')) {
    return impossible(`this provider accepts ${limits.containers.join(', ')}; only MP4 can be made in the browser`);
  }
  if (limits.codecs && !limits.codecs.includes('h264')) {
    return impossible(`this provider accepts ${limits.codecs.join(', ')}; only H.264 can be made in the browser`);
  }
  if (probe.durationS < limits.durationS.min - DURATION_TOLERANCE_S) return impossible(message('duration'));
  if (probe.fps < limits.fps.min - FPS_TOLERANCE) return impossible(message('fps'));
  if (broken.has('orientation')) return impossible(message('orientation'));

  const cutS = broken.has('duration') ? cutPoint(limits.durationS) : null;
  const outDurationS = cutS ?? probe.durationS;
  const copyable =
    COPYABLE_INTO_MP4.has(probe.codec) && (!limits.codecs || limits.codecs.includes(probe.codec)) && !broken.has('codec');
  const copiedBytes = byteLength * (outDurationS / probe.durationS);
  const copyKeepsBytes =
    (limits.minBytes === undefined || copiedBytes >= limits.minBytes * MIN_BYTES_HEADROOM) &&
    countedBytes(copiedBytes, limits) <= limits.maxBytes;
  const needsEncoder = broken.has('fps') || broken.has('resolution') || broken.has('bytes');
  if (copyable && !needsEncoder && copyKeepsBytes) {
    return cutS === null ? { kind: 'remux' } : { kind: 'trim', durationS: cutS };
  }
  return transcodeAction(probe, limits, cutS, outDurationS);
}

function transcodeAction(probe: VideoProbe, limits: VideoLimits, cutS: number | null, outDurationS: number): FitAction {
  const size = fitSize(displayedSize(probe), limits);
  const fps = Math.min(Math.max(Math.round(probe.fps), Math.ceil(limits.fps.min)), Math.floor(limits.fps.max));
  const rawMaxBytes = limits.maxBytesAfterBase64 ? Math.floor((limits.maxBytes * 3) / 4) : limits.maxBytes;
  const ceilingBps = Math.floor((rawMaxBytes * BYTE_BUDGET_SHARE * 8) / (outDurationS + VBV_BUFFER_S));
  const floorBps = limits.minBytes === undefined ? 0 : Math.ceil((limits.minBytes * MIN_BYTES_TARGET * 8) / outDurationS);
  const bitsPerSecond = Math.min(ceilingBps, Math.max(TRANSCODE_DEFAULT_BPS, floorBps));
  if (bitsPerSecond < TRANSCODE_MIN_BPS || bitsPerSecond < floorBps) {
    return impossible(`a ${round(outDurationS)} s clip cannot be encoded between this provider's size limits`);
  }
  return { kind: 'transcode', ...size, fps, durationS: cutS, bitsPerSecond: roundBitrate(bitsPerSecond) };
}

/** Where to cut: TRIM_MARGIN_S under the maximum, or mid-window when the window is narrower than two margins. */
export function cutPoint(window: { min: number; max: number }): number {
  const cut =
    window.max - TRIM_MARGIN_S >= window.min + TRIM_MARGIN_S ? window.max - TRIM_MARGIN_S : (window.min + window.max) / 2;
  return round(cut);
}

/** The displayed size scaled down (never up) into the limits, aspect kept, both sides even (yuv420p needs that). */
export function fitSize(
  displayed: { width: number; height: number },
  limits: { maxLongSidePx: number; maxShortSidePx: number },
): { width: number; height: number } {
  const long = Math.max(displayed.width, displayed.height);
  const short = Math.min(displayed.width, displayed.height);
  const scale = Math.min(1, limits.maxLongSidePx / long, limits.maxShortSidePx / short);
  const even = (n: number) => Math.max(2, Math.floor(n / 2) * 2);
  return { width: even(displayed.width * scale), height: even(displayed.height * scale) };
}

function countedBytes(bytes: number, limits: VideoLimits): number {
  return limits.maxBytesAfterBase64 ? 4 * Math.ceil(bytes / 3) : bytes;
}

function impossible(reason: string): FitAction {
  return { kind: 'impossible', reason };
}

function actionKey(action: FitJobAction): string {
  switch (action.kind) {
    case 'trim':
      return `trim:${action.durationS}`;
    case 'remux':
      return 'remux';
    case 'transcode':
      return `transcode:${action.width}x${action.height}:${action.fps}fps:${action.durationS ?? 'all'}s:${action.bitsPerSecond}bps`;
  }
}

/** Bitrates in whole kbit/s, so near-equal limits give the same job. */
function roundBitrate(bps: number): number {
  return Math.floor(bps / 1000) * 1000;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
