/** Prints the capture bench as Markdown tables (the README's "Measurements" takes them as they are). */
import type { CaptureBench, FitPath, FitPathBench, RecordingEndBench } from './capture.js';
import { FIT_PROVIDER } from './capture.js';
import { RESOURCE_TYPES, type BytesByType, type FetchedResource } from './network.js';

const n = (v: number) => v.toLocaleString('en-US');

export function markdownTable(headers: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.map((c) => (typeof c === 'number' ? n(c) : c)).join(' | ')} |`;
  // Blank lines around: two tables in a row would otherwise run together in Markdown.
  return ['', line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line), ''].join('\n');
}

function fitRow(label: string, p: FitPathBench): Array<string | number> {
  return [
    label,
    p.recorderMimeType,
    p.runs[0]?.plans[FIT_PROVIDER] ?? '?',
    p.medianEndToReadyMs,
    p.medianRecorderFlushMs,
    p.medianFittingMs,
    p.medianExecMs,
    p.medianCoreWaitMs,
    `${p.medianRecordingFrames} @ ${p.medianRecordingFps}`,
    p.runs.map((r) => (r.recordingEndToReadyMs === null ? '?' : n(r.recordingEndToReadyMs))).join('; '),
  ];
}

const byTypeRows = (b: BytesByType) => [...RESOURCE_TYPES, 'total' as const].map((t) => [t, b[t]]);
const fileRows = (files: readonly FetchedResource[], minBytes = 0) =>
  files.filter((f) => f.bytes >= minBytes).map((f) => [`${f.method} ${f.path}`, f.type, f.bytes]);

const FIT_TABLE_HEADERS = [
  'path',
  'recording',
  'plan',
  'end → ready',
  'recorder flush',
  'fitting',
  'job exec',
  'core wait',
  'frames @ fps',
  'each run',
];
const LIVE_ENCODE_LABEL = 'encode while recording (MediaStreamTrackProcessor → WebCodecs H.264, the default for WebM)';

/** `npm run bench encode`: the recording end → upload-ready table alone. */
export function formatRecordingEnd(r: RecordingEndBench): string {
  const rows: Array<[string, FitPath]> = [
    ['stream copy (Mediabunny, the default for MP4)', 'stream-copy'],
    ['stream copy (ffmpeg.wasm, `?fitting=ffmpeg`)', 'stream-copy-ffmpeg'],
    [LIVE_ENCODE_LABEL, 'live-encode'],
    ['re-encode after recording (WebCodecs, `?live-encode=off`)', 're-encode'],
    ['re-encode after recording (ffmpeg.wasm, `?fitting=ffmpeg`)', 're-encode-ffmpeg'],
  ];
  return [
    `Run ${r.date}; headless Debian Chromium, 640×480 25 fps fake camera, the built app (dist/).`,
    `Recording end → upload-ready file, one provider (${FIT_PROVIDER}), median of ${r.paths['stream-copy'].runs.length} (ms)`,
    markdownTable(
      FIT_TABLE_HEADERS,
      rows.map(([label, p]) => fitRow(label, r.paths[p])),
    ),
  ].join('\n');
}

export function formatCaptureBench(r: CaptureBench): string {
  const g = r.guidance;
  const { streamCopy, reEncode, streamCopyFfmpeg, reEncodeFfmpeg, ratio, bytesUntilReady } = r.fitting;
  const { js, ...net } = r.network;
  return [
    `Run ${r.date}; headless Debian Chromium, 640×480 25 fps fake camera (face clip), the built app (dist/).`,
    '',
    `### 1. Guidance cost per 640×480 frame (${g.framesMeasured} frames after warm-up; median and p95 of the last 100)`,
    markdownTable(
      ['per frame', 'median ms', 'p95 ms'],
      [
        ['detection (320×240 copy + detectForVideo, every other frame)', g.detectMedianMs, g.detectP95Ms],
        ['detection + all checks (frame sample, hint, smoothing, telemetry, overlay)', g.frameMedianMs, g.frameP95Ms],
      ],
    ),
    `Judged frames/s: **${g.judgedFps}** of the camera's 25 → ${g.keepsUpWith25Fps ? 'keeps up' : 'does NOT keep up'} (a frame leaves 40 ms);`,
    `the preview received ${g.videoFps} frames/s over the same time.`,
    '',
    `### 2. Recording end → upload-ready file, one provider (${FIT_PROVIDER}), median of ${streamCopy.runs.length} (ms)`,
    markdownTable(FIT_TABLE_HEADERS, [
      fitRow('stream copy (Mediabunny, the default)', streamCopy),
      fitRow('stream copy (ffmpeg.wasm, `?fitting=ffmpeg`)', streamCopyFfmpeg),
      fitRow(LIVE_ENCODE_LABEL, r.fitting.liveEncode),
      fitRow('re-encode after recording (WebCodecs, `?live-encode=off`)', reEncode),
      fitRow('re-encode (ffmpeg.wasm, `?fitting=ffmpeg`)', reEncodeFfmpeg),
    ]),
    `Re-encode / stream copy (default engines): **${ratio}×**. ffmpeg.wasm / browser: stream copy **${r.fitting.streamCopySpeedup}×**,`,
    `re-encode **${r.fitting.reEncodeSpeedup}×**.`,
    '"end → ready": the recorder told to stop until the fitted file is in hand; "fitting" includes loading the fitting code,',
    'probe, plan, the job (a fresh ffmpeg core instance or a fresh browser-fitting worker) and verifying the output.',
    '',
    "Bytes each path fetched from the first judged hint until upload-ready (first run; the encoder's own download):",
    markdownTable(
      ['path', 'JS', 'wasm', 'total'],
      (Object.entries(bytesUntilReady) as Array<[string, BytesByType]>).map(([p, b]) => [p, b.JS, b.wasm, b.total]),
    ),
    '',
    '### 3. Capture route JavaScript (dist/, gzip -9; wasm and models excluded)',
    markdownTable(
      ['file', 'loaded', 'raw bytes', 'gzip bytes'],
      js.files.map((f) => [f.path + (f.wasmGlue ? ' (wasm loader)' : ''), f.load, f.raw, f.gzip]),
    ),
    markdownTable(
      ['JS total', 'gzip bytes'],
      [
        ['initial (index.html)', js.initialGzip],
        ['lazy app chunks (detector, fitting code, browser-fitting worker; ffmpeg class + worker when used)', js.lazyAppGzip],
        ['wasm loaders (MediaPipe vision_wasm_internal.js, ffmpeg-core.js)', js.wasmGlueGzip],
        ['all JS the capture loads', js.totalGzip],
      ],
    ),
    '',
    `### 4. Bytes fetched from navigation to the first judged hint (${n(net.navigationToFirstHintMs)} ms, the bench's clicks included; uncompressed, as served)`,
    markdownTable(['type', 'bytes'], byTypeRows(net.beforeGuidance)),
    markdownTable(['request', 'type', 'bytes'], fileRows(net.beforeGuidanceFiles)),
    '',
    'Fetched later, from the first judged hint until the file is upload-ready (prefetch while guiding, fitting code):',
    markdownTable(['type', 'bytes'], byTypeRows(net.laterUntilUploadReady)),
    markdownTable(['request (≥ 1 KB)', 'type', 'bytes'], fileRows(net.laterFiles, 1024)),
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}
