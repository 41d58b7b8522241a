import { describe, expect, it } from 'vitest';
import { probeMedia } from './probe.js';
import { fixture, seededRandom } from './test-fixtures.js';
import { ProbeError } from './types.js';

const FILES = [
  'h264_640x480_3s.mp4',
  'h264_640x480_3s_fragmented.mp4',
  'mediarecorder_h264_640x480.mp4',
  'h264_320x240_2s.mov',
  'h264_aac_320x240_3s.mp4',
  'vp9_320x240_2s.webm',
  'vp9_320x240_2s_live.webm',
  'h264_320x240_2s.mkv',
  'mediarecorder_vp8_opus_640x480.webm',
  'astronaut_240x320.jpg',
  'astronaut_240x320.png',
];
/** 4,400 in all by default; PROBE_FUZZ_MUTATIONS=50000 for a deeper local run. */
const MUTATIONS_PER_FILE = Number(process.env.PROBE_FUZZ_MUTATIONS) || 400;
/**
 * A call over this is re-timed (best of 3) before it counts as slow: on a shared 2-core box a
 * GC pause or a scheduler hiccup can stall any single call by tens of ms, while a hang or a
 * quadratic walk is slow every time.
 */
const MAX_MS_PER_CALL = 5;

/** Values that make length and count fields lie. */
const NASTY_U32 = [0, 1, 7, 8, 16, 0x7fffffff, 0x80000000, 0xffffffff, 0x01000000];

type Mutate = (bytes: Uint8Array, random: () => number) => Uint8Array;

/** Most structure lives at the start (headers, moov) or the end (moov-last MOV, Cues, mfra). */
function structuralOffset(length: number, random: () => number): number {
  const region = random();
  if (region < 0.45) return Math.floor(random() * Math.min(length, 2048));
  if (region < 0.65) return Math.max(0, length - 1 - Math.floor(random() * Math.min(length, 2048)));
  return Math.floor(random() * length);
}

const MUTATIONS: Mutate[] = [
  function flipBytes(bytes, random) {
    const out = bytes.slice();
    const count = 1 + Math.floor(random() * 8);
    for (let i = 0; i < count; i++) out[structuralOffset(out.length, random)] = Math.floor(random() * 256);
    return out;
  },
  function writeNastyU32(bytes, random) {
    const out = bytes.slice();
    const at = Math.min(structuralOffset(out.length, random), out.length - 4);
    const value = NASTY_U32[Math.floor(random() * NASTY_U32.length)] ?? 0;
    new DataView(out.buffer).setUint32(at, value);
    return out;
  },
  function truncate(bytes, random) {
    return bytes.slice(0, Math.floor(random() * bytes.length));
  },
  function deleteRange(bytes, random) {
    const start = structuralOffset(bytes.length, random);
    const end = Math.min(bytes.length, start + 1 + Math.floor(random() * 64));
    return concat(bytes.subarray(0, start), bytes.subarray(end));
  },
  function duplicateRange(bytes, random) {
    const start = structuralOffset(bytes.length, random);
    const range = bytes.subarray(start, Math.min(bytes.length, start + 1 + Math.floor(random() * 256)));
    return concat(bytes.subarray(0, start), range, range, bytes.subarray(start + range.length));
  },
];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function timeProbe(bytes: Uint8Array): number {
  const started = performance.now();
  try {
    probeMedia(bytes);
  } catch {
    // outcome checked separately
  }
  return performance.now() - started;
}

describe('probeMedia under random mutations', () => {
  it.each(FILES)(
    '%s: only ProbeErrors, sane results, a few ms per call',
    (file) => {
      const original = fixture(file);
      const random = seededRandom(0x5eed ^ original.length);
      const outcomes = {
        ok: 0,
        corrupt_media: 0,
        truncated_media: 0,
        unsupported_format: 0,
        no_video_track: 0,
        dimension_mismatch: 0,
      };
      let slowestMs = 0;
      for (let i = 0; i < MUTATIONS_PER_FILE; i++) {
        const mutate = MUTATIONS[i % MUTATIONS.length];
        if (!mutate) continue;
        const mutated = mutate(original, random);
        const elapsedMs = timeProbe(mutated);
        if (elapsedMs > MAX_MS_PER_CALL) {
          slowestMs = Math.max(slowestMs, Math.min(elapsedMs, timeProbe(mutated), timeProbe(mutated)));
        }
        try {
          const probe = probeMedia(mutated);
          outcomes.ok++;
          expect(probe.width).toBeGreaterThan(0);
          if (probe.kind === 'video') {
            expect(Number.isFinite(probe.durationS) && Number.isFinite(probe.fps)).toBe(true);
            expect(Number.isInteger(probe.frameCount)).toBe(true);
          }
        } catch (error) {
          if (!(error instanceof ProbeError)) {
            throw new Error(`${file} mutation #${i} (${mutate.name}) threw ${String(error)}`, { cause: error });
          }
          // probe.ts turns unexpected exceptions into this message; a parser bug, not bad input.
          expect(error.message, `${file} mutation #${i} (${mutate.name})`).not.toMatch(/could not be read/);
          outcomes[error.code]++;
        }
      }
      expect(slowestMs, `slowest call on ${file}`).toBeLessThan(MAX_MS_PER_CALL);
      // Most mutations must be caught as broken or cut-off, not silently accepted or rejected as foreign.
      expect(outcomes.corrupt_media + outcomes.truncated_media).toBeGreaterThan(MUTATIONS_PER_FILE / 4);
    },
    10_000 + MUTATIONS_PER_FILE,
  );
});
