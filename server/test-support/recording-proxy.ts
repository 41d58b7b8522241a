/**
 * Counts what reaches a vendor and which answers get back (the multi-process test): one listener per route, each
 * forwarding to an upstream (a simulator) unchanged, in a process of its own so that the test's event loop never
 * delays a request on its way to the vendor. `hold(pid)` keeps every later answer from that client process (it is
 * about to be killed): those requests count as reached, never answered. Every client uses the same URL (the app's
 * vendor quota is keyed by it), so the client process is told apart by who owns the connection (Linux /proc).
 *
 * `startRecordingProxy` starts it; run directly, this file is that process (routes in RECORDING_PROXY_ROUTES).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { aheadOfTests } from './ahead-of-tests.js';
import { askChild } from './ask-child.js';

const self = fileURLToPath(import.meta.url);

export interface RouteCounts {
  /** Requests that reached the upstream. */
  reached: number;
  /** Answers written to a client that was still there. */
  answered: number;
  /** Answers held back (`hold`) or whose client had gone. */
  unanswered: number;
}

export interface RecordingProxy {
  /** http://127.0.0.1:port per route name. */
  urls: Record<string, string>;
  /** Holds back every answer to client process `pid` from now on. */
  hold(pid: number): Promise<void>;
  counts(): Promise<Record<string, RouteCounts>>;
  stop(): void;
}

type Question = { hold: number } | { counts: true };

/** `routes`: route name → upstream origin (http://host:port). */
export async function startRecordingProxy(routes: Record<string, string>): Promise<RecordingProxy> {
  const child = spawn(...aheadOfTests(process.execPath, ['--import', 'tsx', self]), {
    env: { ...process.env, RECORDING_PROXY_ROUTES: JSON.stringify(routes) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the recording proxy exited (${code}) before it listened`)));
  });
  const ask = askChild<Question>(child);
  return {
    urls: JSON.parse(line) as Record<string, string>,
    hold: (pid) => ask<void>({ hold: pid }),
    counts: () => ask<Record<string, RouteCounts>>({ counts: true }),
    stop: () => void child.kill('SIGKILL'),
  };
}

/** Whether process `pid` owns the loopback TCP connection whose local port is `port` (its side of our socket). */
function ownsConnection(pid: number, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`)) inodes.add(fields[9]!);
    }
  }
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      const target = /^socket:\[(\d+)\]$/.exec(readlinkSafe(`/proc/${pid}/fd/${fd}`));
      return target !== null && inodes.has(target[1]!);
    });
  } catch {
    return false; // the process is gone
  }
}

function readlinkSafe(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

async function serve(routes: Record<string, string>): Promise<void> {
  const agent = new http.Agent({ keepAlive: true });
  const counts: Record<string, RouteCounts> = {};
  const held = new Set<number>();
  const heldSockets = new WeakMap<object, boolean>();
  const isHeld = (socket: import('node:net').Socket): boolean => {
    if (held.size === 0) return false;
    let answer = heldSockets.get(socket);
    if (answer === undefined) {
      answer = [...held].some((pid) => ownsConnection(pid, socket.remotePort ?? 0));
      heldSockets.set(socket, answer);
    }
    return answer;
  };
  const urls: Record<string, string> = {};
  for (const [route, upstream] of Object.entries(routes)) {
    const tally: RouteCounts = (counts[route] = { reached: 0, answered: 0, unanswered: 0 });
    const target = new URL(upstream);
    const server = http.createServer((req, res) => {
      const forward = http.request(
        { agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          if (isHeld(req.socket)) {
            tally.unanswered += 1;
            answer.resume();
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          res.once('close', () => (res.writableFinished ? (tally.answered += 1) : (tally.unanswered += 1)));
        },
      );
      forward.once('socket', () => (tally.reached += 1));
      forward.once('error', () => res.destroy());
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    urls[route] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  process.on('message', (question: Question) => {
    if ('hold' in question) held.add(question.hold);
    process.send?.('counts' in question ? counts : 'held');
  });
  process.stdout.write(`${JSON.stringify(urls)}\n`);
}

if (process.argv[1] === self) await serve(JSON.parse(process.env.RECORDING_PROXY_ROUTES ?? '{}') as Record<string, string>);
