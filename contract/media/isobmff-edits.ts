/**
 * MP4/MOV edit lists (moov/trak/edts/elst): which part of a track's media a player shows. A
 * lossless trim (`ffmpeg -ss 1.3 -i in.mp4 -c copy out.mp4`) keeps the samples from the keyframe
 * before the cut and writes an edit that starts at the cut, so the sample tables alone overstate
 * the clip. Every encoder with B-frames also writes one, shifting the presentation by the
 * reordering delay.
 *
 * The samples are fed in as runs of equal spacing (the sample tables and fragments are already
 * run-length), and each run is matched against each edit in O(1): nothing is kept per sample.
 */
import type { ByteReader } from './byte-reader.js';
import { findChild, findPath, fullBoxHeader, requireBody, type Box } from './isobmff-boxes.js';

/**
 * Real files have one to three edits. A longer list is ignored (the track is then measured from
 * its samples, as without an edit list), which also keeps the per-run work bounded.
 */
const MAX_EDITS = 16;

/** A run of media shown at normal speed: media times [start, end) in the track's timescale. */
interface ShownWindow {
  start: number;
  end: number;
  frames: number;
  /** The earliest presentation time of a frame counted in this window. */
  firstFrame: number;
}

/** What the player shows of a track once its edit list is applied. */
export interface ShownMedia {
  /** Frames whose presentation time falls inside an edit. */
  frameCount: number;
  /** Seconds of media shown (empty edits, which show none of this track, are not counted). */
  durationS: number;
  /**
   * Frames per second over the time those frames are shown: an edit that starts between two
   * frames first shows the tail of a frame it does not count, and that time is left out.
   */
  fps: number;
}

/** Counts, for one track, which of its samples the edit list shows. */
export class EditedTimeline {
  private decodeTime = 0;
  private mediaEnd = 0;
  private samples = 0;

  private constructor(
    private readonly windows: ShownWindow[],
    /** Dwell edits (media rate 0) show one frame for this many seconds each. */
    private readonly dwellS: number[],
  ) {}

  /**
   * The timeline of `trak`'s edit list, or undefined when it has none (or one not worth
   * applying: no edit shows media). `fragmented`: segment durations in a fragmented movie may
   * describe only what the moov knew about, so the last edit runs to the end of the media.
   */
  static read(
    reader: ByteReader,
    trak: Box,
    movieTimescale: number,
    trackTimescale: number,
    fragmented: boolean,
  ): EditedTimeline | undefined {
    const elst = findPath(reader, trak, ['edts', 'elst']);
    if (!elst || movieTimescale === 0) return undefined;
    const { version } = fullBoxHeader(reader, elst);
    requireBody(elst, 8);
    const entryBytes = version === 1 ? 20 : 12;
    const count = reader.u32(elst.body + 4);
    if (count > MAX_EDITS) return undefined;
    requireBody(elst, 8 + count * entryBytes);

    const windows: ShownWindow[] = [];
    const dwellS: number[] = [];
    for (let i = 0; i < count; i++) {
      const at = elst.body + 8 + i * entryBytes;
      const segmentDuration = version === 1 ? reader.u64(at) : reader.u32(at);
      const mediaTime = version === 1 ? signed64(reader, at + 8) : reader.i32(at + 4);
      const rate = reader.i32(at + entryBytes - 4);
      if (mediaTime < 0) continue; // -1: an empty edit, nothing of this track is shown
      if (rate === 0) {
        dwellS.push(segmentDuration / movieTimescale);
        continue;
      }
      const isLast = i === count - 1;
      const toMediaEnd = segmentDuration === 0 || (fragmented && isLast);
      const length = toMediaEnd ? Infinity : (segmentDuration * trackTimescale) / movieTimescale;
      windows.push({ start: mediaTime, end: mediaTime + length, frames: 0, firstFrame: Infinity });
    }
    if (windows.length === 0 && dwellS.length === 0) return undefined;
    return new EditedTimeline(windows, dwellS);
  }

  /**
   * `count` samples in decode order, each `delta` ticks after the previous, presented
   * `compositionOffset` ticks after it is decoded.
   */
  addRun(count: number, delta: number, compositionOffset: number): void {
    if (count <= 0) return;
    const firstPts = this.decodeTime + compositionOffset;
    const lastPts = firstPts + (count - 1) * delta;
    for (const window of this.windows) {
      if (lastPts < window.start || firstPts >= window.end) continue; // the common case: a quick miss
      // The indices k < count with start ≤ firstPts + k·delta < end (delta ≥ 0, so pts rise with k).
      const from = delta === 0 ? 0 : Math.max(0, Math.ceil((window.start - firstPts) / delta));
      const to = delta === 0 || window.end === Infinity ? count : Math.min(count, Math.ceil((window.end - firstPts) / delta));
      if (to <= from) continue;
      window.frames += to - from;
      window.firstFrame = Math.min(window.firstFrame, firstPts + from * delta);
    }
    this.mediaEnd = Math.max(this.mediaEnd, firstPts + count * delta);
    this.decodeTime += count * delta;
    this.samples += count;
  }

  /** Undefined when no sample timing was seen (the caller then falls back to the headers). */
  shown(trackTimescale: number): ShownMedia | undefined {
    if (this.samples === 0) return undefined;
    let frames = 0;
    let shownTicks = 0;
    let framedTicks = 0;
    for (const window of this.windows) {
      // An edit past the end of the media shows nothing more: players stop at the last frame.
      const end = Math.min(window.end, this.mediaEnd);
      shownTicks += Math.max(0, end - window.start);
      if (window.frames === 0) continue;
      frames += window.frames;
      framedTicks += Math.max(0, end - window.firstFrame);
    }
    const dwellS = this.dwellS.reduce((sum, seconds) => sum + seconds, 0);
    frames += this.dwellS.length;
    const durationS = shownTicks / trackTimescale + dwellS;
    const framedS = framedTicks / trackTimescale + dwellS;
    return { frameCount: frames, durationS, fps: framedS > 0 ? frames / framedS : 0 };
  }
}

/** The movie timescale (mvhd), which edit list segment durations are counted in. */
export function movieTimescale(reader: ByteReader, moov: Box): number {
  const mvhd = findChild(reader, moov, 'mvhd');
  if (!mvhd) return 0;
  const { version } = fullBoxHeader(reader, mvhd);
  requireBody(mvhd, version === 1 ? 24 : 16);
  return reader.u32(mvhd.body + (version === 1 ? 20 : 12));
}

/** A version-1 media_time is a signed 64-bit number; -1 (all ones) marks an empty edit. */
function signed64(reader: ByteReader, offset: number): number {
  const high = reader.i32(offset);
  return high * 2 ** 32 + reader.u32(offset + 4);
}
