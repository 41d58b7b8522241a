import type { ByteReader } from './byte-reader.js';
import { childBoxes, requireBody, type Box } from './isobmff-boxes.js';
import type { EditedTimeline } from './isobmff-edits.js';
import { ProbeError } from './types.js';

/** What a track's `stbl` says about the samples stored in the moov (empty in fragmented files). */
export interface SampleTableSummary {
  sampleCount: number;
  /** Sum of the stts deltas, in the track's mdhd timescale. */
  durationTicks: number;
  /** One past the last byte of sample data the chunk tables point at; 0 when there are none. */
  dataEnd: number;
}

/** How to get the size of sample `index` (0-based), without copying the table out of the file. */
interface SampleSizes {
  count: number;
  /** Set when every sample has the same size (stsz sample_size ≠ 0). */
  constantSize?: number;
  sizeOf(index: number): number;
}

/**
 * Reads stts, stsz/stz2, stsc and stco/co64 (and ctts when the track has an edit list, whose
 * `timeline` is then fed the samples' presentation times). Every entry count is checked against
 * the bytes the box really has before any loop runs, so loops are bounded by the file size.
 */
export function summariseSampleTable(reader: ByteReader, stbl: Box, timeline?: EditedTimeline): SampleTableSummary {
  const boxes = new Map<string, Box>();
  for (const box of childBoxes(reader, stbl)) if (!boxes.has(box.type)) boxes.set(box.type, box);
  const stts = boxes.get('stts');
  const sizes = boxes.get('stsz') ?? boxes.get('stz2');
  const stsz = sizes ? readSampleSizes(reader, sizes) : { count: 0, sizeOf: () => 0 };
  const chunkOffsets = boxes.get('stco') ?? boxes.get('co64');
  const stsc = boxes.get('stsc');
  if (stts && timeline) feedTimeline(reader, stts, boxes.get('ctts'), timeline);
  return {
    sampleCount: stsz.count,
    durationTicks: stts ? sumTimeToSample(reader, stts) : 0,
    dataEnd: chunkOffsets && stsc ? sampleDataEnd(reader, stsz, stsc, chunkOffsets) : 0,
  };
}

function sumTimeToSample(reader: ByteReader, stts: Box): number {
  const entries = entryCount(reader, stts, 8, 8);
  let ticks = 0;
  for (let i = 0; i < entries; i++) {
    const at = stts.body + 8 + i * 8;
    ticks += reader.u32(at) * reader.u32(at + 4);
  }
  return ticks;
}

/**
 * Walks the stts runs (count, delta) and the ctts runs (count, offset) side by side, handing the
 * timeline one run per stretch where both are constant. Each step finishes an stts entry or uses
 * up a ctts entry, so the work is linear in the two tables.
 */
function feedTimeline(reader: ByteReader, stts: Box, ctts: Box | undefined, timeline: EditedTimeline): void {
  const timeEntries = entryCount(reader, stts, 8, 8);
  const offsetEntries = ctts ? entryCount(reader, ctts, 8, 8) : 0;
  let offsetIndex = 0;
  let offsetLeft = 0;
  let offset = 0;
  for (let i = 0; i < timeEntries; i++) {
    const at = stts.body + 8 + i * 8;
    let left = reader.u32(at);
    const delta = reader.u32(at + 4);
    while (left > 0) {
      if (offsetLeft === 0 && ctts && offsetIndex < offsetEntries) {
        const entry = ctts.body + 8 + offsetIndex++ * 8;
        offsetLeft = reader.u32(entry);
        // Signed in version 1; writers put negative offsets in version 0 too (ffmpeg reads both signed).
        offset = reader.i32(entry + 4);
        continue;
      }
      const run = offsetLeft > 0 ? Math.min(left, offsetLeft) : left;
      timeline.addRun(run, delta, offsetLeft > 0 ? offset : 0);
      left -= run;
      if (offsetLeft > 0) offsetLeft -= run;
    }
  }
}

function readSampleSizes(reader: ByteReader, box: Box): SampleSizes {
  requireBody(box, 12);
  const count = reader.u32(box.body + 8);
  if (box.type === 'stsz') {
    const constantSize = reader.u32(box.body + 4);
    if (constantSize !== 0) return { count, constantSize, sizeOf: () => constantSize };
    fits(box, 12, count, 4);
    return { count, sizeOf: (i) => reader.u32(box.body + 12 + i * 4) };
  }
  // stz2: compact sizes of 4, 8 or 16 bits each.
  const fieldBits = reader.u8(box.body + 7);
  if (fieldBits !== 4 && fieldBits !== 8 && fieldBits !== 16) {
    throw new ProbeError('corrupt_media', `stz2 has an invalid field size ${fieldBits}`);
  }
  fits(box, 12, Math.ceil((count * fieldBits) / 8), 1);
  const table = box.body + 12;
  if (fieldBits === 16) return { count, sizeOf: (i) => reader.u16(table + i * 2) };
  if (fieldBits === 8) return { count, sizeOf: (i) => reader.u8(table + i) };
  return { count, sizeOf: (i) => (reader.u8(table + (i >> 1)) >> (i % 2 === 0 ? 4 : 0)) & 0x0f };
}

/**
 * The end of the furthest chunk of samples. Chunks are walked once each (stsc runs must
 * start at strictly increasing chunk numbers, so no chunk is visited twice), and sample
 * sizes are summed at most once each: work is linear in the table sizes.
 */
function sampleDataEnd(reader: ByteReader, sizes: SampleSizes, stsc: Box, offsets: Box): number {
  const offsetBytes = offsets.type === 'co64' ? 8 : 4;
  const chunkCount = entryCount(reader, offsets, 8, offsetBytes);
  const chunkOffset = (chunk: number): number => {
    const at = offsets.body + 8 + (chunk - 1) * offsetBytes;
    return offsetBytes === 8 ? reader.u64(at) : reader.u32(at);
  };
  const runs = entryCount(reader, stsc, 8, 12);
  let end = 0;
  let sample = 0;
  let previousFirstChunk = 0;
  for (let run = 0; run < runs && sample < sizes.count; run++) {
    const at = stsc.body + 8 + run * 12;
    const firstChunk = reader.u32(at);
    const samplesPerChunk = reader.u32(at + 4);
    if (firstChunk <= previousFirstChunk) {
      throw new ProbeError('corrupt_media', 'stsc runs are not in increasing chunk order');
    }
    previousFirstChunk = firstChunk;
    const nextFirstChunk = run + 1 < runs ? reader.u32(at + 12) : chunkCount + 1;
    const lastChunk = Math.min(nextFirstChunk - 1, chunkCount);
    for (let chunk = firstChunk; chunk <= lastChunk && sample < sizes.count; chunk++) {
      const inChunk = Math.min(samplesPerChunk, sizes.count - sample);
      end = Math.max(end, chunkOffset(chunk) + bytesOfSamples(sizes, sample, inChunk));
      sample += inChunk;
    }
  }
  return end;
}

function bytesOfSamples(sizes: SampleSizes, first: number, count: number): number {
  // A constant size needs no loop, which matters when a hostile stsz claims 2^32 samples.
  if (sizes.constantSize !== undefined) return sizes.constantSize * count;
  let bytes = 0;
  for (let i = first; i < first + count; i++) bytes += sizes.sizeOf(i);
  return bytes;
}

/** Reads a full box's entry count at body+4 and checks that many entries fit. */
function entryCount(reader: ByteReader, box: Box, headerBytes: number, entryBytes: number): number {
  requireBody(box, headerBytes);
  const count = reader.u32(box.body + 4);
  fits(box, headerBytes, count, entryBytes);
  return count;
}

function fits(box: Box, headerBytes: number, count: number, entryBytes: number): void {
  if (headerBytes + count * entryBytes > box.end - box.body) {
    throw new ProbeError(
      'corrupt_media',
      `the ${box.type} box lists ${count} entries but has room for ${Math.floor((box.end - box.body - headerBytes) / entryBytes)}`,
    );
  }
}
