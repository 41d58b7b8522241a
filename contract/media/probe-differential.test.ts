/**
 * The probe against an independent reader, Mediabunny's demuxer, over every clip the tests use:
 * the committed probe fixtures (incl. the real Chromium MediaRecorder files that stand for what
 * the e2e recordings make), the shared fixtures the screening and e2e tests start from (e2e turns
 * them into raw .y4m camera feeds, which are no container), the local-screening test clips, and
 * the probe's own ffmpeg-built edge cases. Container, codec, coded size, rotation, audio,
 * duration and fps must agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ALL_FORMATS, BufferSource, Input, MATROSKA, MP4, QTFF, WEBM, type InputFormat } from 'mediabunny';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildFrozenClip,
  buildLowFpsClip,
  buildShortClip,
  buildSplicedClip,
  sharedFixture,
  SHARED_FIXTURES,
} from '../../server/providers/local/test-clips.test-helpers.js';
import { FPS_TOLERANCE } from './fit-check.js';
import { probeMedia } from './probe.js';
import { buildProbeClip, PROBE_EDGE_CLIPS, type ProbeEdgeClip } from './probe-clips.test-helpers.js';
import type { ProbeResult, VideoProbe } from './types.js';

vi.setConfig({ hookTimeout: 300_000 });

const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));
const isVideoFile = (name: string) => /\.(mp4|mov|webm|mkv)$/.test(name) && !name.startsWith('sine_');

/**
 * Where the two readers legitimately differ, with ffprobe as the referee. Anything else must
 * agree within the tolerances below.
 */
const KNOWN_DIFFERENCES: Record<string, { durationS: { probe: number; mediabunny: number }; why: string }> = {
  'edge:variableFrameRate': {
    durationS: { probe: 2.92, mediabunny: 3 },
    why: "Mediabunny gives the last frame the 0.12 s gap before it; the edit list ends it at 2.92 s (ffprobe's format duration)",
  },
};

interface Reading {
  container: VideoProbe['container'];
  codec: string;
  width: number;
  height: number;
  rotation: number;
  hasAudio: boolean;
  durationS: number;
  fps: number;
}

const CONTAINER_BY_FORMAT = new Map<InputFormat, VideoProbe['container']>([
  [MP4, 'mp4'],
  [QTFF, 'mov'],
  [WEBM, 'webm'],
  [MATROSKA, 'mkv'],
]);
const CODEC_NAMES: Record<string, string> = { avc: 'h264' };
/** Mediabunny waits for more data on some malformed files; a clip here must not hang the suite. */
const READ_TIMEOUT_MS = 20_000;

async function readWithMediabunny(bytes: Uint8Array): Promise<Reading> {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Mediabunny did not finish reading')), READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([read(input), timeout]);
  } finally {
    clearTimeout(timer);
    input.dispose();
  }
}

async function read(input: Input): Promise<Reading> {
  const format = await input.getFormat();
  const video = await input.getPrimaryVideoTrack();
  if (!video) throw new Error('Mediabunny found no video track');
  // Its timestamps follow the edit list: frames before the first edit are negative (pre-roll), an
  // empty edit moves the first frame later. The video lasts from its first shown frame to its end.
  const firstS = await video.getFirstTimestamp();
  const endS = await video.computeDuration();
  const stats = await video.computePacketStats();
  return {
    container: CONTAINER_BY_FORMAT.get(format) ?? (format.name as VideoProbe['container']),
    codec: CODEC_NAMES[video.codec ?? ''] ?? String(video.codec),
    width: video.codedWidth,
    height: video.codedHeight,
    rotation: video.rotation,
    hasAudio: (await input.getAudioTracks()).length > 0,
    durationS: endS - Math.max(0, firstS),
    fps: stats.averagePacketRate,
  };
}

const clips = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const file of readdirSync(FIXTURE_DIR).filter(isVideoFile))
    clips.set(`fixture:${file}`, new Uint8Array(readFileSync(FIXTURE_DIR + file)));
  for (const file of readdirSync(SHARED_FIXTURES).filter(isVideoFile))
    clips.set(`shared:${file}`, new Uint8Array(sharedFixture(file)));
  const face = sharedFixture('face_640x480.mp4');
  clips.set('screening:frozen', await buildFrozenClip(face));
  clips.set('screening:spliced', await buildSplicedClip(face));
  clips.set('screening:short', await buildShortClip(face));
  clips.set('screening:lowFps', await buildLowFpsClip(face));
  for (const name of Object.keys(PROBE_EDGE_CLIPS) as ProbeEdgeClip[]) clips.set(`edge:${name}`, await buildProbeClip(name));
  // Stray bytes after complete MP4/MOV files (Mediabunny misreads them after a live WebM, so none there).
  for (const file of ['h264_640x480_3s.mp4', 'h264_320x240_2s.mov', 'mediarecorder_h264_640x480.mp4']) {
    const bytes = new Uint8Array(readFileSync(FIXTURE_DIR + file));
    const withTail = new Uint8Array(bytes.length + 8);
    withTail.set(bytes);
    withTail.set(new TextEncoder().encode('garbage\n'), bytes.length);
    clips.set(`trailing:${file}`, withTail);
  }
});

describe('probeMedia agrees with Mediabunny', () => {
  it('reads every clip the tests build or ship', () => {
    expect(clips.size).toBeGreaterThanOrEqual(35);
    expect([...clips.keys()].filter((key) => key.startsWith('edge:'))).toHaveLength(Object.keys(PROBE_EDGE_CLIPS).length);
  });

  it('on each clip: container, codec, size, rotation, audio, duration, fps', async () => {
    const disagreements: string[] = [];
    for (const [name, bytes] of clips) {
      const other = await readWithMediabunny(bytes);
      let probe: ProbeResult;
      try {
        probe = probeMedia(bytes);
      } catch (error) {
        disagreements.push(`${name}: the probe refused it (${String(error)}); Mediabunny read ${other.durationS.toFixed(3)} s`);
        continue;
      }
      if (probe.kind !== 'video') throw new Error(`${name} probed as an image`);
      const same = {
        container: probe.container,
        codec: probe.codec,
        width: probe.width,
        height: probe.height,
        rotation: probe.rotation,
        hasAudio: probe.hasAudio,
      };
      const theirs = {
        container: other.container,
        codec: other.codec,
        width: other.width,
        height: other.height,
        rotation: other.rotation,
        hasAudio: other.hasAudio,
      };
      if (JSON.stringify(same) !== JSON.stringify(theirs))
        disagreements.push(`${name}: ${JSON.stringify(same)} vs ${JSON.stringify(theirs)}`);

      const known = KNOWN_DIFFERENCES[name];
      const expected = known ? known.durationS : { probe: other.durationS, mediabunny: other.durationS };
      const tolerance = known ? 0.001 : durationTolerance(probe, other);
      if (Math.abs(probe.durationS - expected.probe) > tolerance || Math.abs(other.durationS - expected.mediabunny) > tolerance) {
        disagreements.push(
          `${name}: ${probe.durationS.toFixed(4)} s vs ${other.durationS.toFixed(4)} s${known ? ` (known: ${known.why})` : ''}`,
        );
      }
      if (Math.abs(probe.fps - other.fps) > FPS_TOLERANCE) {
        disagreements.push(`${name}: ${probe.fps.toFixed(3)} fps vs ${other.fps.toFixed(3)} fps`);
      }
    }
    expect(disagreements).toEqual([]);
  }, 120_000);
});

/**
 * One frame (plus rounding): a file without frame durations leaves the last frame's length to
 * the reader. The probe adds the mean frame interval; Mediabunny adds nothing.
 */
function durationTolerance(probe: VideoProbe, other: Reading): number {
  return 1 / Math.min(probe.fps, other.fps) + 0.005;
}
