/**
 * Browser fitting jobs (browser-fit.ts) in their own worker, so demuxing, scaling and muxing never
 * hold up the page (the progress bar and the Cancel button stay live). One job per worker:
 * run-browser-fit.ts starts it, sends one job and terminates it afterwards, which is also how a
 * job is cancelled.
 */
import { fitInBrowser } from './browser-fit';
import type { FitJobAction } from './plan';

export interface BrowserFitJobMessage {
  input: Uint8Array;
  action: FitJobAction;
}

export type BrowserFitWorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; fraction: number }
  | { type: 'done'; bytes: Uint8Array; execMs: number }
  | { type: 'error'; message: string };

const post = (message: BrowserFitWorkerMessage, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

self.onmessage = async (event: MessageEvent<BrowserFitJobMessage>) => {
  const { input, action } = event.data;
  const started = performance.now();
  try {
    const bytes = await fitInBrowser(input, action, (fraction) => post({ type: 'progress', fraction }));
    post({ type: 'done', bytes, execMs: Math.round(performance.now() - started) }, [bytes.buffer]);
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

post({ type: 'ready' });
