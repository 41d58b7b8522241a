/**
 * Fitting jobs done by the browser itself, inside browser-fit-worker.ts: Mediabunny (MPL-2.0)
 * reads the recording (WebM/Matroska/MP4) and writes the MP4; a stream copy needs nothing else, a
 * re-encode uses the browser's WebCodecs decoder and H.264 encoder.
 *
 * Each job makes the same kind of file as its ffmpeg command (ffmpeg-args.ts):
 * `-map 0:v:0 -an` → primary track, audio discarded; `+faststart` → index first (`in-memory`);
 * `-t` → `trim.end`; `-c copy` → forced copy. A copy keeps only frames that END by the cut
 * (`shrink`), where ffmpeg keeps the frame that starts before it. For a re-encode: `scale=W:H`
 * (autorotated) → width/height with `fit: 'fill'` and the rotation baked into the pixels; `fps=N`
 * → `frameRate` (frames dropped or repeated to a constant rate); `-b:v/-maxrate` → a constant bitrate.
 */
import {
  BufferSource,
  BufferTarget,
  Conversion,
  Input,
  MATROSKA,
  MP4,
  Mp4OutputFormat,
  Output,
  QTFF,
  Quality,
  WEBM,
  type ConversionOptions,
} from 'mediabunny';
import type { FitJobAction } from './plan';

/** Only the containers MediaRecorder writes (Chromium's `webm;codecs=h264` is Matroska; Safari's MP4). */
const RECORDING_FORMATS = [WEBM, MATROSKA, MP4, QTFF];

/** The conversion's options apart from input and output: pure, so the mapping is unit-tested. */
export function conversionSettings(action: FitJobAction): Omit<ConversionOptions, 'input' | 'output'> {
  const base = { tracks: 'primary', audio: { discard: true } } as const;
  switch (action.kind) {
    case 'trim':
      return { ...base, copy: { mode: 'forced', boundaryPolicy: 'shrink' }, trim: { end: action.durationS } };
    case 'remux':
      return { ...base, copy: { mode: 'forced' } };
    case 'transcode':
      return {
        ...base,
        copy: false,
        video: {
          codec: 'avc',
          width: action.width,
          height: action.height,
          fit: 'fill',
          allowTransformationMetadata: false,
          frameRate: action.fps,
          quality: new Quality({ bitrate: action.bitsPerSecond, bitrateMode: 'constant' }),
        },
        ...(action.durationS !== null ? { trim: { end: action.durationS } } : {}),
      };
  }
}

/** Runs `action` on `input`; rejects with the reason when the browser cannot. */
export async function fitInBrowser(
  input: Uint8Array,
  action: FitJobAction,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  const source = new Input({ source: new BufferSource(input), formats: RECORDING_FORMATS });
  try {
    const target = new BufferTarget();
    const output = new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target });
    const conversion = await Conversion.init({ input: source, output, ...conversionSettings(action) });
    const video = conversion.utilizedTracks.some((t) => t.type === 'video');
    if (!conversion.isValid || !video) {
      const reasons = conversion.discardedTracks
        .filter((d) => d.reason !== 'discarded_by_user')
        .map((d) => `${d.track.type} track: ${d.reason}`)
        .join('; ');
      throw new Error(`this browser cannot ${action.kind} the recording (${reasons || 'no video track'})`);
    }
    if (onProgress) conversion.onProgress = (fraction) => onProgress(fraction);
    await conversion.execute();
    if (!target.buffer) throw new Error('no file was written');
    return new Uint8Array(target.buffer);
  } finally {
    source.dispose();
  }
}
