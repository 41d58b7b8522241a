/**
 * Upload ingest under load, against the real server (`server/main.ts`) in a process of its own so
 * its memory is its own: RSS at idle after start, peak RSS while 64 uploads of 20 MB arrive at
 * once, and how fast an oversized or malformed body is refused.
 *
 * Each of the 64 uploads is accepted as far as its providers allow: providers ["tencent"]; `video`
 * is the 1 MB bench clip padded with an MP4 `free` box to 20,000,000 bytes (the shared copy
 * reviewers see; MAX_UPLOAD_BYTES allows it) and `video.tencent` the 1 MB clip itself (Tencent takes
 * at most 7.5 MB raw). Every file is distinct (a counter in the padding / the last bytes). The
 * server runs with LOCAL_SCREENING=off here: the on-box screening of 64 clips is measured by the
 * `local` group, not here.
 *
 * Run alone: `npx tsx bench/upload.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_ARGS, serverEnv } from '../scripts/server-command.mjs';
import { oneMegabyteClip, repoRoot, variant } from './media.js';
import { median } from './stats.js';

const BOUNDARY = 'bench-upload-boundary-51c2';
const SHARED_VIDEO_BYTES = 20_000_000;
const CONCURRENT = Number(process.env.BENCH_UPLOADS ?? 64);
const progress = (what: string) => process.stderr.write(`[upload bench] ${what}\n`);
const consent = () => ({ version: 'bench', acceptedAt: new Date().toISOString(), locale: 'en' });

interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-upload-'));
  const port = await freePort();
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: repoRoot,
    // As `npm start` runs it (memory settings included); no per-client limits: one address sends 64 uploads.
    env: serverEnv({
      ...process.env,
      RATE_LIMITS: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_EMAIL: 'bench@example.com',
      ADMIN_PASSWORD: 'bench-password-123',
      ...env,
    }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('the server exited at start');
    const up = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 600) throw new Error('the server did not start within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // A graceful stop waits for running checks (throttled ones back off): not what is measured here.
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;

function partHead(name: string, filename?: string, type?: string): Buffer {
  const disposition = `form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}`;
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`);
}

/** One streamed POST /api/captures: pieces written with backpressure; resolves with the answer. */
function post(url: string, pieces: Buffer[], opts: { contentLength?: number; onWritten?: (piece: number) => void } = {}) {
  const total = pieces.reduce((n, p) => n + p.length, 0);
  return new Promise<{ status: number; code?: string; answeredAtMs: number }>((resolve, reject) => {
    const req = http.request(`${url}/api/captures`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(opts.contentLength ?? total),
      },
    });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const answeredAtMs = performance.now();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const code = (JSON.parse(Buffer.concat(chunks).toString() || '{}') as { code?: string }).code;
        resolve({ status: res.statusCode ?? 0, code, answeredAtMs });
        req.destroy();
      });
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    void (async () => {
      for (let i = 0; i < pieces.length && !answered && !req.destroyed; i++) {
        if (!req.write(pieces[i])) await new Promise((r) => req.once('drain', r));
        opts.onWritten?.(i);
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}

/** The body of upload `n`: meta, the padded 20 MB shared clip, the 1 MB clip for Tencent. */
function uploadPieces(clip: Buffer, n: number, zeros: Buffer): Buffer[] {
  const meta = JSON.stringify({ providers: ['tencent'], consent: consent(), telemetry: { bench: n } });
  const pad = SHARED_VIDEO_BYTES - clip.length;
  const freeHead = Buffer.alloc(16);
  freeHead.writeUInt32BE(pad, 0);
  freeHead.write('free', 4, 'latin1');
  freeHead.writeDoubleBE(n, 8); // distinct bytes per upload
  const padding: Buffer[] = [];
  for (let left = pad - freeHead.length; left > 0; left -= zeros.length)
    padding.push(zeros.subarray(0, Math.min(zeros.length, left)));
  return [
    partHead('meta'),
    Buffer.from(meta),
    Buffer.from('\r\n'),
    partHead('video', 'shared.mp4', 'video/mp4'),
    clip,
    freeHead,
    ...padding,
    Buffer.from('\r\n'),
    partHead('video.tencent', 'tencent.mp4', 'video/mp4'),
    variant(clip, n),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ];
}

export interface UploadBench {
  idleRssMb: { screeningOn: number; screeningOff: number };
  concurrent: {
    uploads: number;
    bytesEach: number;
    accepted: number;
    answers: Record<string, number>;
    idleRssMb: number;
    peakRssMb: number;
    seconds: number;
  };
  /** Undefined with BENCH_UPLOAD_REFUSALS=off (to run the rest against a server that reads everything). */
  refuseMs?: { contentLengthOverCap: number; badFieldMidBody: number; bytesSentBeforeBadFieldAnswer: number };
}

export async function benchUpload(): Promise<UploadBench> {
  const clip = oneMegabyteClip();
  const zeros = Buffer.alloc(1024 * 1024);
  const idleAfterStart = async (env: Record<string, string>) => {
    const server = await startServer(env);
    await new Promise((r) => setTimeout(r, 5000));
    const rss = await rssOf(server.pid);
    await server.stop();
    return mb(rss);
  };
  progress('idle RSS');
  const idleRssMb = { screeningOn: await idleAfterStart({}), screeningOff: await idleAfterStart({ LOCAL_SCREENING: 'off' }) };

  const server = await startServer({ LOCAL_SCREENING: 'off' });
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const idle = await rssOf(server.pid);
    let peak = idle;
    const sampler = setInterval(
      () =>
        void rssOf(server.pid).then(
          (r) => (peak = Math.max(peak, r)),
          () => {},
        ),
      50,
    );
    progress(`${CONCURRENT} concurrent uploads`);
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, n) => post(server.url, uploadPieces(clip, n, zeros))),
    );
    const seconds = (performance.now() - started) / 1000;
    // Checks run after the answers; keep sampling while they do.
    await new Promise((r) => setTimeout(r, 5000));
    clearInterval(sampler);
    const counts: Record<string, number> = {};
    for (const a of answers)
      counts[`${a.status} ${a.code ?? ''}`.trim()] = (counts[`${a.status} ${a.code ?? ''}`.trim()] ?? 0) + 1;
    const concurrent = {
      uploads: CONCURRENT,
      bytesEach: uploadPieces(clip, 0, zeros).reduce((n, p) => n + p.length, 0),
      accepted: answers.filter((a) => a.status === 202).length,
      answers: counts,
      idleRssMb: mb(idle),
      peakRssMb: mb(peak),
      seconds: Math.round(seconds * 10) / 10,
    };

    progress(`${JSON.stringify(concurrent)}`);
    if (process.env.BENCH_UPLOAD_REFUSALS === 'off') return { idleRssMb, concurrent, refuseMs: undefined };
    progress('refusals');
    // Refusals: a declared Content-Length over what any provider set can take (nothing read) …
    const overCap: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const a = await post(server.url, [partHead('meta'), zeros, zeros, zeros, zeros], { contentLength: 10 * 1024 ** 3 });
      if (a.code !== 'request_too_large') throw new Error(`expected request_too_large, got ${a.status} ${a.code}`);
      overCap.push(a.answeredAtMs - t0);
    }
    // … and a field for a provider that was not chosen, after 5 MB of a valid clip: from its header to the 400.
    const badField: number[] = [];
    const sentBefore: number[] = [];
    for (let i = 0; i < 20; i++) {
      const meta = JSON.stringify({ providers: ['tencent'], consent: consent() });
      const pieces = [
        partHead('meta'),
        Buffer.from(meta),
        Buffer.from('\r\n'),
        partHead('video', 'v.mp4', 'video/mp4'),
        clip,
        ...Array(4).fill(zeros),
        Buffer.from('\r\n'),
        partHead('video.glair', 'g.mp4', 'video/mp4'),
        ...Array(20).fill(zeros),
        Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
      ];
      const headerAt = pieces.findIndex((p) => p.toString('latin1').includes('video.glair'));
      let headerSentMs = 0;
      let written = 0;
      const a = await post(server.url, pieces, {
        onWritten: (piece) => {
          written += pieces[piece]!.length;
          if (piece === headerAt) headerSentMs = performance.now();
        },
      });
      if (a.code !== 'unexpected_field') throw new Error(`expected unexpected_field, got ${a.status} ${a.code}`);
      badField.push(a.answeredAtMs - headerSentMs);
      sentBefore.push(written);
    }
    return {
      idleRssMb,
      concurrent,
      refuseMs: {
        contentLengthOverCap: Math.round(median(overCap) * 10) / 10,
        badFieldMidBody: Math.round(median(badField) * 10) / 10,
        bytesSentBeforeBadFieldAnswer: median(sentBefore),
      },
    };
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await benchUpload();
  console.log(JSON.stringify(result, null, 2));
  await writeFile(path.join(repoRoot, '.cache', 'bench', 'upload.json'), JSON.stringify(result, null, 2));
}
