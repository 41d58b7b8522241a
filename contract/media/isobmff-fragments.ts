import type { ByteReader } from './byte-reader.js';
import { childBoxes, findChild, fullBoxHeader, requireBody, type Box } from './isobmff-boxes.js';
import type { EditedTimeline } from './isobmff-edits.js';
import { ProbeError } from './types.js';

/** Per-track defaults from moov/mvex/trex, used when tfhd and trun leave a field out. */
export interface TrackDefaults {
  sampleDuration: number;
  sampleSize: number;
}

/** What the movie fragments add to one track. */
export interface FragmentTotals {
  sampleCount: number;
  /** In the track's mdhd timescale. */
  durationTicks: number;
  /** The track's edit list, fed every fragment sample's timing (the moov's samples come first). */
  timeline?: EditedTimeline;
}

// tfhd flags
const BASE_DATA_OFFSET = 0x000001;
const SAMPLE_DESCRIPTION_INDEX = 0x000002;
const DEFAULT_DURATION = 0x000008;
const DEFAULT_SIZE = 0x000010;
const DEFAULT_BASE_IS_MOOF = 0x020000;
// trun flags
const DATA_OFFSET = 0x000001;
const FIRST_SAMPLE_FLAGS = 0x000004;
const SAMPLE_DURATION = 0x000100;
const SAMPLE_SIZE = 0x000200;
const SAMPLE_FLAGS = 0x000400;
const COMPOSITION_OFFSET = 0x000800;

/** trex defaults by track_ID. */
export function readTrackDefaults(reader: ByteReader, mvex: Box | undefined): Map<number, TrackDefaults> {
  const defaults = new Map<number, TrackDefaults>();
  for (const trex of mvex ? childBoxes(reader, mvex) : []) {
    if (trex.type !== 'trex') continue;
    requireBody(trex, 24);
    // trex: version/flags, track_ID, default_sample_description_index, duration, size, flags
    defaults.set(reader.u32(trex.body + 4), {
      sampleDuration: reader.u32(trex.body + 12),
      sampleSize: reader.u32(trex.body + 16),
    });
  }
  return defaults;
}

/**
 * Adds one moof's sample counts and durations to `totals` (keyed by the moov's track_IDs), and checks that
 * every trun's sample data lies inside the file (a cut-off recording → truncated_media).
 */
export function addMovieFragment(
  reader: ByteReader,
  moof: Box,
  trackDefaults: ReadonlyMap<number, TrackDefaults>,
  totals: Map<number, FragmentTotals>,
): void {
  // Without explicit base offsets the spec chains trafs: each starts where the previous one's data ended.
  let previousTrafDataEnd = moof.start;
  for (const traf of childBoxes(reader, moof)) {
    if (traf.type !== 'traf') continue;
    previousTrafDataEnd = readTrackFragment(reader, moof, traf, previousTrafDataEnd, trackDefaults, totals);
  }
}

function readTrackFragment(
  reader: ByteReader,
  moof: Box,
  traf: Box,
  previousTrafDataEnd: number,
  trackDefaults: ReadonlyMap<number, TrackDefaults>,
  totals: Map<number, FragmentTotals>,
): number {
  const tfhd = findChild(reader, traf, 'tfhd');
  if (!tfhd) throw new ProbeError('corrupt_media', `a traf at byte ${traf.start} has no tfhd`);
  const header = readTfhd(reader, tfhd, moof, previousTrafDataEnd, trackDefaults);
  // Only tracks declared in the moov are counted (so hostile track_IDs cannot grow the map),
  // but every track's data is bounds-checked.
  const total = totals.get(header.trackId);

  let dataEnd = header.baseOffset;
  for (const trun of childBoxes(reader, traf)) {
    if (trun.type !== 'trun') continue;
    const run = readTrun(reader, trun, header, total?.timeline);
    const dataStart = run.dataOffset === undefined ? dataEnd : header.baseOffset + run.dataOffset;
    if (dataStart < 0) throw new ProbeError('corrupt_media', `a trun at byte ${trun.start} points before the file`);
    dataEnd = dataStart + run.bytes;
    if (dataEnd > reader.length) {
      throw new ProbeError(
        'truncated_media',
        `fragment samples end at byte ${dataEnd} but the file has only ${reader.length} bytes`,
      );
    }
    if (total) {
      total.sampleCount += run.sampleCount;
      total.durationTicks += run.durationTicks;
    }
  }
  return dataEnd;
}

interface FragmentHeader {
  trackId: number;
  baseOffset: number;
  sampleDuration: number;
  sampleSize: number;
}

function readTfhd(
  reader: ByteReader,
  tfhd: Box,
  moof: Box,
  previousTrafDataEnd: number,
  trackDefaults: ReadonlyMap<number, TrackDefaults>,
): FragmentHeader {
  const { flags } = fullBoxHeader(reader, tfhd);
  requireBody(tfhd, 8);
  const trackId = reader.u32(tfhd.body + 4);
  const defaults = trackDefaults.get(trackId) ?? { sampleDuration: 0, sampleSize: 0 };
  let at = tfhd.body + 8;
  let baseOffset = flags & DEFAULT_BASE_IS_MOOF ? moof.start : previousTrafDataEnd;
  if (flags & BASE_DATA_OFFSET) {
    requireBody(tfhd, at + 8 - tfhd.body);
    baseOffset = reader.u64(at);
    at += 8;
  }
  if (flags & SAMPLE_DESCRIPTION_INDEX) at += 4;
  let sampleDuration = defaults.sampleDuration;
  if (flags & DEFAULT_DURATION) {
    requireBody(tfhd, at + 4 - tfhd.body);
    sampleDuration = reader.u32(at);
    at += 4;
  }
  let sampleSize = defaults.sampleSize;
  if (flags & DEFAULT_SIZE) {
    requireBody(tfhd, at + 4 - tfhd.body);
    sampleSize = reader.u32(at);
  }
  return { trackId, baseOffset, sampleDuration, sampleSize };
}

interface TrackRun {
  sampleCount: number;
  dataOffset: number | undefined;
  bytes: number;
  durationTicks: number;
}

function readTrun(reader: ByteReader, trun: Box, header: FragmentHeader, timeline: EditedTimeline | undefined): TrackRun {
  const { flags } = fullBoxHeader(reader, trun);
  requireBody(trun, 8);
  const sampleCount = reader.u32(trun.body + 4);
  let at = trun.body + 8;
  let dataOffset: number | undefined;
  if (flags & DATA_OFFSET) {
    dataOffset = reader.i32(at);
    at += 4;
  }
  if (flags & FIRST_SAMPLE_FLAGS) at += 4;

  const hasDuration = (flags & SAMPLE_DURATION) !== 0;
  const hasSize = (flags & SAMPLE_SIZE) !== 0;
  const hasFlags = (flags & SAMPLE_FLAGS) !== 0;
  // Composition offsets only matter to an edit list (they say which samples its window holds).
  const hasOffset = (flags & COMPOSITION_OFFSET) !== 0 && timeline !== undefined;
  const fieldsPerSample = [SAMPLE_DURATION, SAMPLE_SIZE, SAMPLE_FLAGS, COMPOSITION_OFFSET].filter((bit) => flags & bit).length;
  const bytesPerSample = fieldsPerSample * 4;
  // Check the per-sample table really is there before looping over a count taken from the file.
  if (at + sampleCount * bytesPerSample > trun.end) {
    throw new ProbeError(
      'corrupt_media',
      `the trun at byte ${trun.start} lists ${sampleCount} samples but is too short for them`,
    );
  }
  if (!hasDuration && !hasSize && !hasOffset) {
    timeline?.addRun(sampleCount, header.sampleDuration, 0);
    return {
      sampleCount,
      dataOffset,
      bytes: sampleCount * header.sampleSize,
      durationTicks: sampleCount * header.sampleDuration,
    };
  }
  let bytes = 0;
  let durationTicks = 0;
  for (let i = 0; i < sampleCount; i++) {
    let field = at + i * bytesPerSample;
    const duration = hasDuration ? reader.u32(field) : header.sampleDuration;
    if (hasDuration) field += 4;
    durationTicks += duration;
    bytes += hasSize ? reader.u32(field) : header.sampleSize;
    if (hasSize) field += 4;
    if (hasFlags) field += 4;
    // Signed in trun version 1; read signed for version 0 too, as ffmpeg does.
    timeline?.addRun(1, duration, hasOffset ? reader.i32(field) : 0);
  }
  return { sampleCount, dataOffset, bytes, durationTicks };
}
