/**
 * Reads the capture telemetry a case carries. The server stores it as opaque JSON, and older or
 * hand-made captures may lack fields, so every reader is defensive.
 */
import { REVIEW_T_ENGLISH, type ReviewT } from '../../lib/i18n/review-i18n';
import { median } from '../../lib/stats';

export interface TelemetrySummary {
  recorderMimeType?: string;
  cameraLabel?: string;
  resolution?: string;
  frameRate?: number;
  detectorMsMedian?: number;
  faceBoxCount: number;
  faceBoxMedianPx?: number;
  /** Share of sampled instants with exactly one face, 0–1. */
  oneFaceShare?: number;
  hints: Array<{ t: number; hint: string }>;
  guidanceMs?: number;
  recordingMs?: number;
  userAgent?: string;
  meanLumaMedian?: number;
  sharpnessMedian?: number;
  startedBy?: string;
  /** How many times the person recorded again before sending (when the capture page reports it). */
  retakes?: number;
  source?: string;
  clipBytes?: number;
}

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function summarizeTelemetry(telemetry: unknown): TelemetrySummary {
  const t = obj(telemetry) ?? {};
  const settings = obj(t.trackSettings) ?? {};
  const frameSize = obj(t.frameSize);
  const width = num(settings.width) ?? num(frameSize?.width);
  const height = num(settings.height) ?? num(frameSize?.height);

  const boxes = (Array.isArray(t.faceBoxes) ? t.faceBoxes : [])
    .map(obj)
    .filter((b): b is Record<string, unknown> => !!b && num(b.w) !== undefined);
  const sizes = boxes.map((b) => Math.max(num(b.w) ?? 0, num(b.h) ?? 0));
  const perInstant = new Map<number, number>();
  for (const b of boxes) {
    const at = num(b.t) ?? 0;
    perInstant.set(at, (perInstant.get(at) ?? 0) + 1);
  }
  const instants = [...perInstant.values()];

  const hints = (Array.isArray(t.hints) ? t.hints : [])
    .map(obj)
    .filter((h): h is Record<string, unknown> => !!h && typeof h.hint === 'string')
    .map((h) => ({ t: num(h.t) ?? 0, hint: h.hint as string }));

  const summary: TelemetrySummary = { faceBoxCount: boxes.length, hints };
  const mime = str(t.recorderMimeType);
  if (mime) summary.recorderMimeType = mime;
  const label = str(t.cameraLabel);
  if (label) summary.cameraLabel = label;
  if (width && height) summary.resolution = `${width}×${height}`;
  const fps = num(settings.frameRate);
  if (fps !== undefined) summary.frameRate = Math.round(fps * 10) / 10;
  const det = num(t.detectorMsMedian);
  if (det !== undefined) summary.detectorMsMedian = det;
  const med = median(sizes);
  if (med !== undefined) summary.faceBoxMedianPx = Math.round(med);
  if (instants.length > 0) summary.oneFaceShare = instants.filter((n) => n === 1).length / instants.length;
  const g = num(t.guidanceMs);
  if (g !== undefined) summary.guidanceMs = g;
  const r = num(t.recordingMs);
  if (r !== undefined) summary.recordingMs = r;
  const ua = str(t.userAgent);
  if (ua) summary.userAgent = ua;
  const luma = num(t.meanLumaMedian);
  if (luma !== undefined) summary.meanLumaMedian = luma;
  const sharp = num(t.sharpnessMedian);
  if (sharp !== undefined) summary.sharpnessMedian = sharp;
  const startedBy = str(t.startedBy);
  if (startedBy) summary.startedBy = startedBy;
  const retakes = num(t.retakes) ?? num(t.retakeCount);
  if (retakes !== undefined) summary.retakes = retakes;
  const source = str(t.source);
  if (source) summary.source = source;
  const bytes = num(t.clipBytes);
  if (bytes !== undefined) summary.clipBytes = bytes;
  return summary;
}

/** True when the face was lost (or doubled) at some point during the recording. */
export function hintTrouble(summary: TelemetrySummary): boolean {
  return summary.hints.some((h) => h.hint !== 'ready');
}

/** Browser, OS and device class from a user-agent string, for a quick read (not for decisions). */
export function describeUserAgent(ua: string | undefined): { browser?: string; os?: string; mobile: boolean } {
  if (!ua) return { mobile: false };
  const pick = (patterns: Array<[RegExp, string]>): string | undefined => {
    for (const [re, name] of patterns) {
      const m = re.exec(ua);
      if (m) return m[1] ? `${name} ${m[1]}` : name;
    }
    return undefined;
  };
  const browser = pick([
    [/Edg\/(\d+)/, 'Edge'],
    [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
    [/Firefox\/(\d+)/, 'Firefox'],
    [/(?:Chrome|CriOS)\/(\d+)/, 'Chrome'],
    [/Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari/, 'Safari'],
  ]);
  const os = pick([
    [/Android (\d+)/, 'Android'],
    [/(?:iPhone|iPad).*? OS (\d+)/, 'iOS'],
    [/Windows NT/, 'Windows'],
    [/Mac OS X/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ]);
  const out: { browser?: string; os?: string; mobile: boolean } = { mobile: /Mobi|Android|iPhone|iPad/.test(ua) };
  if (browser) out.browser = browser;
  if (os) out.os = os;
  return out;
}

/** One line of the capture in a reviewer's words; `concern` marks what deserves a closer look. */
export interface PlainFact {
  label: string;
  text: string;
  concern: boolean;
}

/**
 * The capture page's own limits (src/features/capture/guidance/guidance-config.ts; features do not import each
 * other): mean luma 70–210 is usable light, a relative sharpness under 0.2 is blurred.
 */
const LIGHT = { dark: 70, bright: 210 };
const MIN_SHARPNESS = 0.2;

/** The capture in plain sentences, most telling first; engineering numbers stay behind a disclosure. */
export function plainFacts(
  s: TelemetrySummary,
  ua: { browser?: string; os?: string; mobile: boolean },
  t: ReviewT = REVIEW_T_ENGLISH,
): PlainFact[] {
  const facts: PlainFact[] = [];
  if (s.oneFaceShare !== undefined) {
    const pct = Math.round(s.oneFaceShare * 100);
    facts.push({
      label: t('fact.face'),
      text: pct === 100 ? t('fact.faceAlways') : t('fact.facePart', { pct }),
      concern: pct < 80,
    });
  } else if (s.faceBoxCount === 0) facts.push({ label: t('fact.face'), text: t('fact.faceNone'), concern: true });
  if (s.meanLumaMedian !== undefined) {
    const l = s.meanLumaMedian;
    facts.push(
      l < LIGHT.dark
        ? { label: t('fact.light'), text: t('fact.tooDark'), concern: true }
        : l > LIGHT.bright
          ? { label: t('fact.light'), text: t('fact.tooBright'), concern: true }
          : { label: t('fact.light'), text: t('fact.good'), concern: false },
    );
  }
  // Older captures reported an absolute Laplacian variance (values far above 1): no verdict on those.
  if (s.sharpnessMedian !== undefined && s.sharpnessMedian <= 2) {
    facts.push(
      s.sharpnessMedian < MIN_SHARPNESS
        ? { label: t('fact.focus'), text: t('fact.blurred'), concern: true }
        : { label: t('fact.focus'), text: t('fact.sharp'), concern: false },
    );
  }
  if (s.hints.length > 0) {
    const lost = s.hints.filter((h) => h.hint !== 'ready').length;
    facts.push(
      lost > 0
        ? {
            label: t('fact.whileRecording'),
            text: lost === 1 ? t('fact.guidedOnce') : t('fact.guidedTimes', { n: lost }),
            concern: true,
          }
        : { label: t('fact.whileRecording'), text: t('fact.stayed'), concern: false },
    );
  }
  if (s.startedBy === 'manual') facts.push({ label: t('fact.started'), text: t('fact.byHand'), concern: true });
  else if (s.startedBy === 'auto') facts.push({ label: t('fact.started'), text: t('fact.automatically'), concern: false });
  if (s.retakes !== undefined && s.retakes > 0)
    facts.push({ label: t('fact.retakes'), text: t('fact.recordedTimes', { n: s.retakes + 1 }), concern: s.retakes >= 2 });
  if (s.recordingMs !== undefined)
    facts.push({ label: t('fact.length'), text: t('fact.seconds', { s: (s.recordingMs / 1000).toFixed(1) }), concern: false });
  const device = [ua.browser, ua.os ? t('fact.onOs', { os: ua.os }) : undefined, ua.mobile ? t('fact.mobile') : undefined]
    .filter(Boolean)
    .join(' ');
  if (device) facts.push({ label: t('fact.device'), text: device, concern: false });
  if (s.cameraLabel) facts.push({ label: t('fact.camera'), text: s.cameraLabel, concern: false });
  return facts;
}
