/**
 * The `local` group's screening-time run, in a process of its own so that its peak RSS is the
 * screening's (worker threads count in their process's RSS) and not the bench's. Started by
 * bench/local.ts with the server's memory settings; prints one JSON line on stdout.
 *
 * Peak RSS is the kernel's high-water mark (VmHWM in /proc/self/status): nothing between samples is missed.
 */
import { readFileSync } from 'node:fs';
import { createScreeningHost } from '../server/providers/local/screening-host.js';
import { createScreeningService } from '../server/providers/local/screening-service.js';
import { variant } from './media.js';

const [clipPath, runsArg] = process.argv.slice(2);
if (!clipPath) throw new Error('usage: local-screening-process.ts <clip> <runs>');
const runs = Number(runsArg ?? 7);
const clip = readFileSync(clipPath);

const statusMb = (field: 'VmRSS' | 'VmHWM'): number => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
};

const host = createScreeningHost();
// The server's own service; each run is a distinct clip (sha256 key), so nothing is shared.
const service = createScreeningService({ host, keepMs: 0 });
const rssBeforeMb = statusMb('VmRSS');
const totals: number[] = [];
const decode: number[] = [];
const detect: number[] = [];
const cpuMs: number[] = [];
const verdicts = new Set<string>();
try {
  for (let i = 0; i <= runs; i++) {
    const cpu = process.cpuUsage();
    const r = await service.screen({ sha256: `bench-${i}`, bytes: variant(clip, i) }, { cameraLabel: 'Integrated Webcam' });
    const used = process.cpuUsage(cpu);
    // All threads of the process (main + workers): the work a clip costs, whatever else runs on the box.
    cpuMs.push((used.user + used.system) / 1000);
    totals.push(r.timingsMs.total);
    decode.push(r.timingsMs.decode ?? Number.NaN);
    detect.push(r.timingsMs.detect ?? Number.NaN);
    verdicts.add(`${r.verdict}:${r.findings.map((f) => f.code).join('+') || 'no finding'}`);
  }
} finally {
  await host.close();
}
process.stdout.write(
  `${JSON.stringify({ totals, cpuMs, decode, detect, verdicts: [...verdicts], rssBeforeMb, peakRssMb: statusMb('VmHWM') })}\n`,
);
