/**
 * Concise human-readable log lines for a terminal (LOG_FORMAT=pretty, or `auto` on a TTY): the
 * same pino JSON the server always writes, turned into `12:00:01 INFO  GET /api/cases 200 4 ms`.
 * A request is one line (at completion, with the method and URL remembered from its start); the
 * SPA's static files that load fine are left out. JSON stays the format for files and shippers.
 */
import { Writable } from 'node:stream';

export type LogFormatSetting = 'auto' | 'pretty' | 'json';

/** `auto`: pretty on a terminal, JSON otherwise (a pipe, a file, a container log). */
export const usePrettyLogs = (setting: LogFormatSetting, isTty: boolean): boolean =>
  setting === 'pretty' || (setting === 'auto' && isTty);

const LEVELS: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '\x1b[90m' },
  20: { name: 'DEBUG', color: '\x1b[90m' },
  30: { name: 'INFO ', color: '\x1b[32m' },
  40: { name: 'WARN ', color: '\x1b[33m' },
  50: { name: 'ERROR', color: '\x1b[31m' },
  60: { name: 'FATAL', color: '\x1b[35m' },
};
const RESET = '\x1b[0m';
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime', 'err']);
/** Requests started and not yet completed whose method and URL are kept (bounded). */
const MAX_OPEN_REQUESTS = 1000;

const isStaticFile = (url: string): boolean => !url.startsWith('/api/') && !url.startsWith('/sim/');
const time = (ms: unknown): string => new Date(typeof ms === 'number' ? ms : Date.now()).toISOString().slice(11, 19);

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

export function createPrettyFormatter(options: { color: boolean }) {
  const open = new Map<string, { method: string; url: string }>();
  const levelName = (level: number) => {
    const l = LEVELS[level] ?? { name: String(level).padEnd(5), color: '' };
    return options.color ? `${l.color}${l.name}${RESET}` : l.name;
  };

  /** One JSON log line → the terminal line, or undefined to leave it out. */
  return function format(line: string): string | undefined {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return line;
    }
    const level = Number(entry.level ?? 30);
    const reqId = typeof entry.reqId === 'string' ? entry.reqId : undefined;
    const req = entry.req as { method?: string; url?: string } | undefined;
    if (entry.msg === 'incoming request' && reqId && req) {
      if (open.size >= MAX_OPEN_REQUESTS) open.delete(open.keys().next().value!);
      open.set(reqId, { method: req.method ?? '?', url: req.url ?? '?' });
      return undefined;
    }
    let message = typeof entry.msg === 'string' ? entry.msg : '';
    if (entry.msg === 'request completed' && reqId) {
      const started = open.get(reqId);
      open.delete(reqId);
      const status = (entry.res as { statusCode?: number } | undefined)?.statusCode ?? 0;
      if (started && isStaticFile(started.url) && status < 400) return undefined;
      const ms = typeof entry.responseTime === 'number' ? `${Math.round(entry.responseTime)} ms` : '';
      message = `${started ? `${started.method} ${started.url}` : 'request'} ${status} ${ms}`.trim();
    }
    const err = entry.err as { type?: string; message?: string } | undefined;
    const extras = Object.entries(entry)
      .filter(([key]) => !OMIT.has(key))
      .map(([key, value]) => `${key}=${fieldText(value)}`);
    if (err) extras.unshift(`err=${fieldText(`${err.type ?? 'Error'}: ${err.message ?? ''}`)}`);
    return [time(entry.time), levelName(level), message, ...extras].filter((p) => p !== '').join(' ');
  };
}

/** A stream for Fastify's logger that writes formatted lines to `out`. */
export function createPrettyLogStream(out: NodeJS.WritableStream, options: { color: boolean }): Writable {
  const format = createPrettyFormatter(options);
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      const text = lines
        .map((l) => (l.trim() === '' ? undefined : format(l)))
        .filter((l) => l !== undefined)
        .join('\n');
      if (text) out.write(`${text}\n`);
      done();
    },
  });
}
