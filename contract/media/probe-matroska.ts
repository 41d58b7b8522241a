/**
 * WebM / Matroska probe. MediaRecorder writes live-style files: the Segment and each Cluster
 * have unknown size, and there is no Duration and no Cues. So the Segment is read as one flat
 * run of elements in which a Cluster is stepped into rather than skipped: its Timestamp and
 * blocks then follow at the same level, whatever size the Cluster declares.
 */
import type { ByteReader } from './byte-reader.js';
import {
  childElements,
  findChildElement,
  readElement,
  readFloat,
  readString,
  readUint,
  readVint,
  type EbmlElement,
} from './ebml.js';
import { isTrailingGarbage } from './matroska-trailing.js';
import { ProbeError, type VideoProbe } from './types.js';

const ID = {
  ebmlHeader: 0x1a45dfa3,
  docType: 0x4282,
  segment: 0x18538067,
  info: 0x1549a966,
  timestampScale: 0x2ad7b1,
  duration: 0x4489,
  tracks: 0x1654ae6b,
  trackEntry: 0xae,
  trackNumber: 0xd7,
  trackType: 0x83,
  codecId: 0x86,
  defaultDuration: 0x23e383,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
  cluster: 0x1f43b675,
  clusterTimestamp: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  blockDuration: 0x9b,
} as const;

const TRACK_TYPE_VIDEO = 1;
const TRACK_TYPE_AUDIO = 2;
const DEFAULT_TIMESTAMP_SCALE_NS = 1_000_000;
const MAX_TRACKS = 64;

const CODEC_BY_ID: Readonly<Record<string, string>> = {
  V_VP8: 'vp8',
  V_VP9: 'vp9',
  'V_MPEG4/ISO/AVC': 'h264',
  'V_MPEGH/ISO/HEVC': 'hevc',
  V_AV1: 'av1',
};

interface Track {
  number: number;
  type: number;
  codecId: string;
  width: number;
  height: number;
  defaultDurationNs: number;
}

/** Timing of one track's blocks, in TimestampScale units. */
interface BlockStats {
  frames: number;
  minTimestamp: number;
  maxTimestamp: number;
  lastBlockDuration: number;
}

interface SegmentContents {
  timestampScaleNs: number;
  /** In TimestampScale units; undefined when the Info has no Duration (live/MediaRecorder files). */
  duration: number | undefined;
  tracks: Track[] | undefined;
  blocks: Map<number, BlockStats>;
}

export function probeMatroska(reader: ByteReader): VideoProbe {
  const header = readElement(reader, 0, reader.length);
  const docType = readDocType(reader, header);
  const container = docType === 'webm' ? 'webm' : docType === 'matroska' ? 'mkv' : undefined;
  if (!container) throw new ProbeError('unsupported_format', `unsupported EBML document type '${docType}'`);

  const segment = findSegment(reader, header.end);
  const contents = readSegment(reader, segment);
  if (!contents.tracks) throw new ProbeError('corrupt_media', 'the file has no track list');
  const video = contents.tracks.find((track) => track.type === TRACK_TYPE_VIDEO);
  if (!video) throw new ProbeError('no_video_track', 'the file has no video track');
  if (video.width === 0 || video.height === 0) {
    throw new ProbeError('corrupt_media', 'the video track has no frame size');
  }

  const stats = contents.blocks.get(video.number);
  const frameCount = stats?.frames ?? 0;
  const secondsPerTick = contents.timestampScaleNs / 1e9;
  // A zero Duration is treated like a missing one: the blocks are the better witness.
  const hasDurationHeader = contents.duration !== undefined && contents.duration > 0;
  const headerS = hasDurationHeader ? (contents.duration ?? 0) * secondsPerTick : undefined;
  const durationS = videoDuration(headerS, measureBlocks(stats, video, secondsPerTick));
  return {
    kind: 'video',
    container,
    mime: container === 'webm' ? 'video/webm' : 'video/x-matroska',
    codec: CODEC_BY_ID[video.codecId] ?? video.codecId,
    width: video.width,
    height: video.height,
    durationS,
    frameCount,
    fps: durationS > 0 ? frameCount / durationS : 0,
    hasAudio: contents.tracks.some((track) => track.type === TRACK_TYPE_AUDIO),
    fragmented: !hasDurationHeader,
    // Matroska has no track matrix; rotation would be Projection/ProjectionPoseRoll, which
    // neither MediaRecorder nor ffmpeg writes.
    rotation: 0,
  };
}

/** The video track's frames as its blocks place them, in seconds. */
interface BlockSpan {
  startS: number;
  endS: number;
  /** How long the last frame lasts; 0 when nothing says (a single frame without durations). */
  lastFrameS: number;
}

/**
 * From the first frame's timestamp to the last one's plus one frame. "One frame" is the track's
 * DefaultDuration, else the last block's BlockDuration, else the mean frame interval, which makes
 * fps exactly the rate between the first and the last frame.
 */
function measureBlocks(stats: BlockStats | undefined, video: Track, secondsPerTick: number): BlockSpan | undefined {
  if (!stats || stats.frames === 0) return undefined;
  const startS = stats.minTimestamp * secondsPerTick;
  const lastS = stats.maxTimestamp * secondsPerTick;
  let lastFrameS = 0;
  if (video.defaultDurationNs > 0) lastFrameS = video.defaultDurationNs / 1e9;
  else if (stats.lastBlockDuration > 0) lastFrameS = stats.lastBlockDuration * secondsPerTick;
  else if (stats.frames > 1) lastFrameS = (lastS - startS) / (stats.frames - 1);
  return { startS, endS: lastS + lastFrameS, lastFrameS };
}

/**
 * The Segment's Duration is the longest track's. It is exact for the video when the video is
 * that track (the blocks only estimate the last frame); when it outlasts the video's last frame
 * by more than a frame, another track (usually audio) ran longer, and the video's own blocks
 * are measured instead. Without a header the blocks are all there is.
 */
function videoDuration(headerS: number | undefined, blocks: BlockSpan | undefined): number {
  if (!blocks) return headerS ?? 0;
  const fromBlocks = blocks.endS - blocks.startS;
  if (headerS === undefined) return fromBlocks;
  const headerOutlastsVideo = blocks.lastFrameS > 0 && headerS - blocks.endS > blocks.lastFrameS;
  return headerOutlastsVideo ? fromBlocks : headerS;
}

function readDocType(reader: ByteReader, header: EbmlElement): string {
  if (header.id !== ID.ebmlHeader) throw new ProbeError('unsupported_format', 'not an EBML file');
  const docType = findChildElement(reader, header, ID.docType);
  return docType ? readString(reader, docType) : 'matroska'; // the EBML default
}

function findSegment(reader: ByteReader, offset: number): EbmlElement {
  while (offset < reader.length) {
    const element = readElement(reader, offset, reader.length);
    if (element.id === ID.segment) return element;
    if (element.unknownSize) throw new ProbeError('corrupt_media', 'an unknown-size element comes before the Segment');
    offset = element.end;
  }
  throw new ProbeError('truncated_media', 'the file ends before its Segment');
}

function readSegment(reader: ByteReader, segment: EbmlElement): SegmentContents {
  const contents: SegmentContents = {
    timestampScaleNs: DEFAULT_TIMESTAMP_SCALE_NS,
    duration: undefined,
    tracks: undefined,
    blocks: new Map(),
  };
  let clusterTimestamp: number | undefined;
  // Every pass moves forward by at least one 2-byte element header, so this ends.
  for (let offset = segment.dataStart; offset < segment.end;) {
    // An unknown-size Segment runs to the end of the file, stray bytes after it included.
    const hasFrames = contents.tracks !== undefined && contents.blocks.size > 0;
    if (segment.unknownSize && hasFrames && isTrailingGarbage(reader, offset)) break;
    const element = readElement(reader, offset, segment.end);
    if (element.id === ID.cluster) {
      clusterTimestamp = undefined;
      offset = element.dataStart; // step in: its children follow in this same loop
      continue;
    }
    if (element.unknownSize) {
      throw new ProbeError('corrupt_media', `element 0x${element.id.toString(16)} has an unsupported unknown size`);
    }
    switch (element.id) {
      case ID.info:
        readInfo(reader, element, contents);
        break;
      case ID.tracks:
        contents.tracks = readTracks(reader, element);
        break;
      case ID.clusterTimestamp:
        clusterTimestamp = readUint(reader, element);
        break;
      case ID.simpleBlock:
        recordBlock(reader, element, clusterTimestamp, 0, contents.blocks);
        break;
      case ID.blockGroup:
        readBlockGroup(reader, element, clusterTimestamp, contents.blocks);
        break;
    }
    offset = element.end;
  }
  return contents;
}

function readInfo(reader: ByteReader, info: EbmlElement, contents: SegmentContents): void {
  for (const child of childElements(reader, info)) {
    if (child.id === ID.timestampScale) contents.timestampScaleNs = readUint(reader, child);
    if (child.id === ID.duration) contents.duration = readFloat(reader, child);
  }
  if (contents.timestampScaleNs === 0) throw new ProbeError('corrupt_media', 'TimestampScale is 0');
  const duration = contents.duration;
  if (duration !== undefined && !(Number.isFinite(duration) && duration >= 0)) {
    throw new ProbeError('corrupt_media', 'the Duration header is not a valid number');
  }
}

function readTracks(reader: ByteReader, tracksElement: EbmlElement): Track[] {
  const tracks: Track[] = [];
  for (const entry of childElements(reader, tracksElement)) {
    if (entry.id !== ID.trackEntry) continue;
    // Real files have a few tracks; the cap keeps a hostile track list from growing without bound.
    if (tracks.length >= MAX_TRACKS) throw new ProbeError('corrupt_media', 'the file lists too many tracks');
    tracks.push(readTrackEntry(reader, entry));
  }
  return tracks;
}

function readTrackEntry(reader: ByteReader, entry: EbmlElement): Track {
  const track: Track = { number: 0, type: 0, codecId: '', width: 0, height: 0, defaultDurationNs: 0 };
  for (const field of childElements(reader, entry)) {
    if (field.id === ID.trackNumber) track.number = readUint(reader, field);
    else if (field.id === ID.trackType) track.type = readUint(reader, field);
    else if (field.id === ID.codecId) track.codecId = readString(reader, field);
    else if (field.id === ID.defaultDuration) track.defaultDurationNs = readUint(reader, field);
    else if (field.id === ID.video) {
      for (const setting of childElements(reader, field)) {
        if (setting.id === ID.pixelWidth) track.width = readUint(reader, setting);
        if (setting.id === ID.pixelHeight) track.height = readUint(reader, setting);
      }
    }
  }
  return track;
}

function readBlockGroup(
  reader: ByteReader,
  group: EbmlElement,
  clusterTimestamp: number | undefined,
  blocks: Map<number, BlockStats>,
): void {
  const durationElement = findChildElement(reader, group, ID.blockDuration);
  const blockDuration = durationElement ? readUint(reader, durationElement) : 0;
  const block = findChildElement(reader, group, ID.block);
  if (block) recordBlock(reader, block, clusterTimestamp, blockDuration, blocks);
}

/** (Simple)Block payload: track number (EBML vint), int16 timestamp relative to the cluster, flags. */
function recordBlock(
  reader: ByteReader,
  block: EbmlElement,
  clusterTimestamp: number | undefined,
  blockDuration: number,
  blocks: Map<number, BlockStats>,
): void {
  if (clusterTimestamp === undefined) {
    throw new ProbeError('corrupt_media', `a block at byte ${block.start} comes before its cluster timestamp`);
  }
  const track = readVint(reader, block.dataStart, block.end, 8, 'strip-marker');
  const at = block.dataStart + track.length;
  if (at + 3 > block.end) throw new ProbeError('corrupt_media', `the block at byte ${block.start} is too short`);
  const timestamp = clusterTimestamp + ((reader.u16(at) << 16) >> 16); // sign-extend int16
  const lacing = (reader.u8(at + 2) >> 1) & 0x03;
  // Laced blocks carry (count - 1) in the byte after the flags; video is practically never laced.
  const frames = lacing === 0 ? 1 : at + 3 < block.end ? reader.u8(at + 3) + 1 : 1;

  let stats = blocks.get(track.value);
  if (!stats) {
    // A hostile file could name a new track in every block; real files have a handful.
    if (blocks.size >= MAX_TRACKS) return;
    stats = { frames: 0, minTimestamp: timestamp, maxTimestamp: timestamp, lastBlockDuration: 0 };
    blocks.set(track.value, stats);
  }
  stats.frames += frames;
  stats.minTimestamp = Math.min(stats.minTimestamp, timestamp);
  if (timestamp >= stats.maxTimestamp) {
    stats.maxTimestamp = timestamp;
    stats.lastBlockDuration = blockDuration;
  }
}
