/**
 * Edge-case clips for the probe, built at test time with Debian's ffmpeg (scripts/test.sh installs
 * it; the local-screening tests build their clips the same way). The probe itself never runs
 * ffmpeg. Built clips are cached in .cache/probe-clips/ by recipe, so the probe's test files
 * share one build; a changed recipe gets a new file.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE_DIR = path.join(repoRoot, '.cache', 'probe-clips');
/** The 5 s, 25 fps, 640x480 face clip every test clip starts from (see ../shared/fixtures/README.txt). */
const FACE = path.resolve(repoRoot, '../shared/fixtures/face_640x480.mp4');

/** Keeps encoder and version strings out, as make-fixtures.sh does. */
const CLEAN = ['-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact'];
const SMALL = ['-vf', 'scale=320:240', '-pix_fmt', 'yuv420p'];
const H264_NO_BFRAMES = ['-c:v', 'libx264', '-preset', 'ultrafast'];
const H264_BFRAMES = ['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-g', '25'];
const SINE = (seconds: number) => ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`];
const MEDIARECORDER_FRAGMENTS = ['-movflags', 'frag_keyframe+empty_moov+default_base_moof'];

/**
 * ffmpeg runs, in order; `{face}` is the face clip, `{in}` the previous step's output, `{out}`
 * this step's. The last step's output is the clip.
 */
type Recipe = { ext: string; steps: string[][] };

export const PROBE_EDGE_CLIPS = {
  /** The case: 3.4 s, one keyframe, cut at 1.3 s by stream copy → an edit list that skips 1.3 s of media. */
  editListTrim: {
    ext: 'mp4',
    steps: [
      ['-i', '{face}', '-t', '3.4', '-an', ...SMALL, ...H264_NO_BFRAMES, '-g', '250', ...CLEAN, '{out}'],
      ['-ss', '1.3', '-i', '{in}', '-c', 'copy', ...CLEAN, '{out}'],
    ],
  },
  /** The same trim of a clip with B-frames: the edit's media time also covers the reordering delay (ctts). */
  editListTrimBFrames: {
    ext: 'mp4',
    steps: [
      ['-i', '{face}', '-t', '3', '-an', ...SMALL, ...H264_BFRAMES, ...CLEAN, '{out}'],
      ['-ss', '1.3', '-i', '{in}', '-c', 'copy', ...CLEAN, '{out}'],
    ],
  },
  /** An empty edit first: the video starts 0.5 s into the movie. */
  emptyEdit: {
    ext: 'mp4',
    steps: [
      ['-i', '{face}', '-t', '3.4', '-an', ...SMALL, ...H264_NO_BFRAMES, ...CLEAN, '{out}'],
      ['-itsoffset', '0.5', '-i', '{in}', '-c', 'copy', ...CLEAN, '{out}'],
    ],
  },
  /** 2 s of VP8 with 4 s of Opus: the Segment Duration is the audio's. */
  webmLongerAudio: {
    ext: 'webm',
    steps: [
      ['-t', '2', '-i', '{face}', ...SINE(4), ...SMALL, '-c:v', 'libvpx', '-b:v', '200k', '-c:a', 'libopus', ...CLEAN, '{out}'],
    ],
  },
  /** The same in Matroska with H.264 and AAC. */
  mkvLongerAudio: {
    ext: 'mkv',
    steps: [['-t', '2', '-i', '{face}', ...SINE(4), ...SMALL, ...H264_NO_BFRAMES, '-c:a', 'aac', ...CLEAN, '{out}']],
  },
  /** Phone-like: QuickTime brand, B-frames, AAC, and a tkhd matrix for portrait display (90° clockwise). */
  phonePortraitMov: {
    ext: 'mov',
    steps: [
      ['-i', '{face}', ...SINE(3), '-t', '3', ...SMALL, ...H264_BFRAMES, '-c:a', 'aac', ...CLEAN, '-f', 'mov', '{out}'],
      ['-i', '{in}', '-c', 'copy', ...CLEAN, '-metadata:s:v:0', 'rotate=-90', '-f', 'mov', '{out}'],
    ],
  },
  /** An iPhone-like HEVC MOV: hvc1 sample entry, AAC, portrait matrix. */
  phoneHevcMov: {
    ext: 'mov',
    steps: [
      [
        '-i',
        '{face}',
        ...SINE(2),
        '-t',
        '2',
        ...SMALL,
        '-c:v',
        'libx265',
        '-preset',
        'ultrafast',
        '-x265-params',
        'log-level=error',
        '-tag:v',
        'hvc1',
        '-c:a',
        'aac',
        ...CLEAN,
        '-f',
        'mov',
        '{out}',
      ],
      ['-i', '{in}', '-c', 'copy', ...CLEAN, '-metadata:s:v:0', 'rotate=-90', '-f', 'mov', '{out}'],
    ],
  },
  /** Variable frame rate: 25 fps for 1 s, then every third frame (a phone dropping frames in low light). */
  variableFrameRate: {
    ext: 'mp4',
    steps: [
      [
        '-i',
        '{face}',
        '-t',
        '3',
        '-an',
        '-vf',
        "scale=320:240,select='lt(n,25)+not(mod(n,3))'",
        '-fps_mode',
        'vfr',
        '-pix_fmt',
        'yuv420p',
        ...H264_BFRAMES,
        ...CLEAN,
        '{out}',
      ],
    ],
  },
  /** Fragmented like MediaRecorder's MP4, with AAC audio. */
  fragmentedWithAudio: {
    ext: 'mp4',
    steps: [
      [
        '-i',
        '{face}',
        ...SINE(3),
        '-t',
        '3',
        ...SMALL,
        ...H264_NO_BFRAMES,
        '-c:a',
        'aac',
        ...MEDIARECORDER_FRAGMENTS,
        ...CLEAN,
        '{out}',
      ],
    ],
  },
  /** Fragmented with B-frames: composition offsets in every trun. */
  fragmentedBFrames: {
    ext: 'mp4',
    steps: [['-i', '{face}', '-t', '3', '-an', ...SMALL, ...H264_BFRAMES, ...MEDIARECORDER_FRAGMENTS, ...CLEAN, '{out}']],
  },
} satisfies Record<string, Recipe>;

export type ProbeEdgeClip = keyof typeof PROBE_EDGE_CLIPS;

/** Generous: a loaded 2-core box runs several test files' ffmpeg at once. */
const FFMPEG_TIMEOUT_MS = 120_000;

/** The clip's bytes, from the cache or built now. Throws (the test fails) when ffmpeg is missing. */
export async function buildProbeClip(name: ProbeEdgeClip): Promise<Uint8Array> {
  const recipe: Recipe = PROBE_EDGE_CLIPS[name];
  const key = createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 12);
  const cached = path.join(CACHE_DIR, `${name}-${key}.${recipe.ext}`);
  try {
    return new Uint8Array(await readFile(cached));
  } catch {
    // not built yet
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'probe-clip-'));
  try {
    let previous = '';
    for (const [index, step] of recipe.steps.entries()) {
      const out = path.join(dir, `step${index}.${recipe.ext}`);
      const args = step.map((arg) => arg.replace('{face}', FACE).replace('{in}', previous).replace('{out}', out));
      await run('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', ...args], { timeout: FFMPEG_TIMEOUT_MS });
      previous = out;
    }
    await mkdir(CACHE_DIR, { recursive: true });
    // Renamed into place, so a test file building the same clip at the same time never reads half of it.
    const staged = `${cached}.${process.pid}.tmp`;
    await copyFile(previous, staged);
    await rename(staged, cached);
    return new Uint8Array(await readFile(cached));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
