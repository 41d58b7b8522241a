/**
 * Records what the face detector finds on the guidance calibration clips along two paths, on the same
 * frames: the full 640×480 frame, and the frame drawn into a 320×240 canvas (the fast path,
 * guidance/detect-frame.ts). Writes src/features/capture/guidance/fixtures/detector-paths.json, which
 * guidance-fast-path.test.ts checks against each clip's ground truth. Run: npx tsx scripts/guidance-paths.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { sharedFixture } from '../e2e/camera.js';
import { measureFrameQuality } from '../src/features/capture/guidance/frame-quality.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const W = 640;
const H = 480;
const BASE = 'http://localhost:8236';
const visionDir = path.join(root, 'node_modules', '@mediapipe', 'tasks-vision');

/** The calibration clips (fixtures/camera-clips.json) with their ground-truth face count. */
const CLIPS: Array<{ name: string; source: string; filter: string; faces: number }> = [
  { name: 'face', source: 'face_640x480.mp4', filter: 'null', faces: 1 },
  { name: 'noface', source: 'noface_1280x720.mp4', filter: 'scale=-2:480,crop=640:480', faces: 0 },
  { name: 'twofaces', source: 'twofaces_1280x720.mp4', filter: 'scale=-2:480,crop=640:480', faces: 2 },
  { name: 'face_dark', source: 'face_640x480.mp4', filter: 'eq=brightness=-0.3:contrast=0.7', faces: 1 },
  { name: 'face_dim', source: 'face_640x480.mp4', filter: 'eq=brightness=-0.18:contrast=0.85', faces: 1 },
  { name: 'face_bright', source: 'face_640x480.mp4', filter: 'eq=brightness=0.35:contrast=0.7', faces: 1 },
  { name: 'face_blur5', source: 'face_640x480.mp4', filter: 'gblur=sigma=5', faces: 1 },
  { name: 'face_blur10', source: 'face_640x480.mp4', filter: 'gblur=sigma=10', faces: 1 },
  { name: 'face_shift', source: 'face_640x480.mp4', filter: 'crop=440:480:200:0,pad=640:480:0:0', faces: 1 },
  { name: 'face_close', source: 'face_1280x720.mp4', filter: 'crop=640:480:320:60', faces: 1 },
];

function rgbaFrames(source: string, filter: string): Buffer {
  return execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', sharedFixture(source), '-vf', filter, '-pix_fmt', 'rgba', '-f', 'rawvideo', '-'],
    { maxBuffer: 1 << 30 },
  );
}

const PAGE = `<!doctype html><script type="module">
import { FilesetResolver, FaceDetector } from '/vision_bundle.mjs';
const fileset = await FilesetResolver.forVisionTasks('/wasm');
const make = () => FaceDetector.createFromOptions(fileset, {
  baseOptions: { modelAssetPath: '/model.tflite', delegate: 'CPU' }, runningMode: 'VIDEO', minDetectionConfidence: 0.6 });
const full = await make(), fast = await make();
const big = document.createElement('canvas'); big.width = ${W}; big.height = ${H};
const small = document.createElement('canvas'); small.width = ${W / 2}; small.height = ${H / 2};
const sample = document.createElement('canvas'); sample.width = 64; sample.height = 48;
const bctx = big.getContext('2d'), sctx = small.getContext('2d'), qctx = sample.getContext('2d', { willReadFrequently: true });
const pixels = (src) => { qctx.drawImage(src, 0, 0, 64, 48); return Array.from(qctx.getImageData(0, 0, 64, 48).data); };
const round = (n) => Math.round(n * 10) / 10;
const simple = (ds, k) => ds.map((d) => ({ b: [d.boundingBox.originX * k, d.boundingBox.originY * k, d.boundingBox.width * k, d.boundingBox.height * k].map(round),
  s: Math.round(d.categories[0].score * 1000) / 1000, k: d.keypoints.map((p) => [Math.round(p.x * 1000) / 1000, Math.round(p.y * 1000) / 1000]) }));
let t = 0;
window.detectBoth = async (clip, i) => {
  const buf = await (await fetch('/frames/' + clip + '/' + i)).arrayBuffer();
  bctx.putImageData(new ImageData(new Uint8ClampedArray(buf), ${W}, ${H}), 0, 0);
  t += 40;
  const a = full.detectForVideo(big, t).detections;
  sctx.drawImage(big, 0, 0, ${W / 2}, ${H / 2});
  const b = fast.detectForVideo(small, t).detections;
  return { full: simple(a, 1), fast: simple(b, 2), qFull: pixels(big), qFast: pixels(small) };
};
window.ready = true;
</script>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const out: Record<string, { faces: number; full: unknown[]; fast: unknown[]; qFull: number[][]; qFast: number[][] }> = {};
/** [meanLuma, laplacianVariance, sharpness], rounded as in camera-clips.json. */
const quality = (rgba: number[]): number[] => {
  const q = measureFrameQuality(rgba, 64, 48);
  return [q.meanLuma, q.laplacianVariance, q.sharpness].map((n) => Math.round(n * 1000) / 1000);
};
try {
  const page = await browser.newPage();
  const frames = new Map<string, Buffer>();
  await page.route(`${BASE}/**`, async (route) => {
    const p = new URL(route.request().url()).pathname;
    const m = /^\/frames\/([^/]+)\/(\d+)$/.exec(p);
    if (m) {
      const all = frames.get(m[1]!)!;
      const i = Number(m[2]);
      return route.fulfill({ body: all.subarray(i * W * H * 4, (i + 1) * W * H * 4), contentType: 'application/octet-stream' });
    }
    if (p === '/') return route.fulfill({ body: PAGE, contentType: 'text/html' });
    if (p === '/vision_bundle.mjs')
      return route.fulfill({ path: path.join(visionDir, 'vision_bundle.mjs'), contentType: 'text/javascript' });
    if (p === '/model.tflite') return route.fulfill({ path: sharedFixture('face_detection_short_range_with_metadata.tflite') });
    if (p.startsWith('/wasm/')) {
      const file = path.join(visionDir, 'wasm', path.basename(p));
      return route.fulfill({ path: file, contentType: p.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${BASE}/`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true, null, { timeout: 60_000 });
  for (const clip of CLIPS) {
    const all = rgbaFrames(clip.source, clip.filter);
    frames.set(clip.name, all);
    const n = all.length / (W * H * 4);
    const rec = {
      faces: clip.faces,
      full: [] as unknown[],
      fast: [] as unknown[],
      qFull: [] as number[][],
      qFast: [] as number[][],
    };
    for (let i = 0; i < n; i++) {
      const r = await page.evaluate(
        ([c, k]) =>
          (
            window as unknown as {
              detectBoth: (c: string, i: number) => Promise<{ full: unknown; fast: unknown; qFull: number[]; qFast: number[] }>;
            }
          ).detectBoth(c, k),
        [clip.name, i] as const,
      );
      rec.full.push(r.full);
      rec.fast.push(r.fast);
      rec.qFull.push(quality(r.qFull));
      rec.qFast.push(quality(r.qFast));
    }
    frames.delete(clip.name);
    out[clip.name] = rec;
    const count = (xs: unknown[], want: number) => xs.filter((d) => (d as unknown[]).length === want).length;
    console.log(
      `${clip.name}: ${n} frames; right face count full ${count(rec.full, clip.faces)}, fast ${count(rec.fast, clip.faces)}`,
    );
  }
} finally {
  await browser.close();
}
const file = path.join(root, 'src/features/capture/guidance/fixtures/detector-paths.json');
const about =
  "Per-frame BlazeFace detections (tasks-vision 1.1.0, VIDEO mode, minDetectionConfidence 0.6) on every frame of the guidance calibration clips, on the same frames: the full 640×480 frame and a 320×240 canvas copy (boxes scaled back to 640×480 px; keypoints normalised), and the 64×48 brightness/sharpness sample [meanLuma, laplacianVariance, sharpness] drawn from each (qFull, qFast). faces = the clip's ground truth. Made by scripts/guidance-paths.ts in headless Chromium.";
writeFileSync(file, JSON.stringify({ about, clips: out }) + '\n');
