/**
 * A throwaway PostgreSQL cluster for store tests (recipe: ../shared/research/detector-and-storage.md).
 * Returns undefined when PostgreSQL is not installed, so tests run on PGlite alone there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

export interface ThrowawayPostgres {
  url: string;
  /** The server's log (auto_explain writes plans there). */
  logFile: string;
  stop(): void;
}

function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => path.join(root, v, 'bin')).find((bin) => existsSync(path.join(bin, 'initdb')));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | undefined> {
  const bin = findPgBin();
  if (!bin) return undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-'));
  // initdb refuses to run as root: run the server as the postgres user when we are root.
  const asPostgres =
    process.getuid?.() === 0
      ? (cmd: string, args: string[]) => ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const
      : (cmd: string, args: string[]) => [cmd, args] as const;
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', dir]);
  const run = (cmd: string, args: string[]) => {
    const [c, a] = asPostgres(path.join(bin, cmd), args);
    execFileSync(c, [...a], { stdio: 'pipe' });
  };
  const port = await freePort();
  run('initdb', ['-D', `${dir}/data`, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', [
    '-D',
    `${dir}/data`,
    '-l',
    `${dir}/log`,
    '-w',
    '-o',
    `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`,
    'start',
  ]);
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'app']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/app`,
    logFile: `${dir}/log`,
    stop() {
      // Smart shutdown waits for clients to leave instead of killing their sessions (a killed
      // session reaches a closing pg client as an unhandled 57P01 error); fast after 10 s.
      try {
        run('pg_ctl', ['-D', `${dir}/data`, '-m', 'smart', '-w', '-t', '10', 'stop']);
      } catch {
        try {
          run('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', '-w', 'stop']);
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
