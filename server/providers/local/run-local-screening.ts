/**
 * The capture-integrity screening the server can run on every capture, whatever vendors were chosen:
 * `runLocalScreening(bytes, telemetry)` decodes and inspects the clip in a worker thread and returns
 * deterministic findings, the sampled frames (JPEG, for the case's frame strip) and a verdict that is
 * 'fail' or 'review', never 'pass'.
 */
import { evaluateScreening } from './evaluate.js';
import { createScreeningHost, type ScreeningHost } from './screening-host.js';
import type { LocalScreeningResult } from './types.js';

export type { Finding, FindingCode, LocalScreeningResult, ScreeningFrame } from './types.js';

let sharedHost: ScreeningHost | undefined;

/** The process-wide worker host (lazily started; its idle worker does not keep the process alive). */
export function screeningHost(): ScreeningHost {
  return (sharedHost ??= createScreeningHost());
}

export async function runLocalScreening(
  bytes: Uint8Array,
  telemetry?: Record<string, unknown>,
  host: ScreeningHost = screeningHost(),
): Promise<LocalScreeningResult> {
  const started = performance.now();
  const { result, queuedMs } = await host.analyse(bytes);
  const evaluation = evaluateScreening(result, telemetry);
  return {
    ...evaluation,
    timingsMs: {
      queued: Math.round(queuedMs),
      ...(result.readable ? { decode: Math.round(result.timingsMs.decode), detect: Math.round(result.timingsMs.detect) } : {}),
      total: Math.round(performance.now() - started),
    },
  };
}

/** Stops the shared worker (graceful shutdown, tests). */
export async function closeLocalScreening(): Promise<void> {
  const host = sharedHost;
  sharedHost = undefined;
  await host?.close();
}
