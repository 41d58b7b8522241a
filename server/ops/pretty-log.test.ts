import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createPrettyFormatter, createPrettyLogStream, usePrettyLogs } from './pretty-log.js';

const at = Date.parse('2026-12-06T12:00:01Z');
const line = (o: object) => JSON.stringify({ level: 30, time: at, pid: 1, hostname: 'h', ...o });

describe('pretty logs', () => {
  it('are used on a terminal by default, JSON elsewhere, and either when set (LOG_FORMAT)', () => {
    expect(usePrettyLogs('auto', true)).toBe(true);
    expect(usePrettyLogs('auto', false)).toBe(false);
    expect(usePrettyLogs('json', true)).toBe(false);
    expect(usePrettyLogs('pretty', false)).toBe(true);
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('write one line per request (method, URL, status, time), leave out static files that loaded, keep extra fields', () => {
    const format = createPrettyFormatter({ color: false });
    expect(format(line({ msg: 'incoming request', reqId: 'a', req: { method: 'GET', url: '/api/cases' } }))).toBeUndefined();
    expect(format(line({ msg: 'request completed', reqId: 'a', res: { statusCode: 200 }, responseTime: 4.2 }))).toBe(
      '12:00:01 INFO  GET /api/cases 200 4 ms',
    );
    format(line({ msg: 'incoming request', reqId: 'b', req: { method: 'GET', url: '/assets/app.js' } }));
    expect(format(line({ msg: 'request completed', reqId: 'b', res: { statusCode: 200 }, responseTime: 1 }))).toBeUndefined();
    format(line({ msg: 'incoming request', reqId: 'c', req: { method: 'GET', url: '/nope.js' } }));
    expect(format(line({ msg: 'request completed', reqId: 'c', res: { statusCode: 404 }, responseTime: 1 }))).toContain(
      'GET /nope.js 404',
    );
    expect(format(line({ level: 40, msg: 'vendor slow', provider: 'tencent', note: 'two words' }))).toBe(
      '12:00:01 WARN  vendor slow provider=tencent note="two words"',
    );
    expect(format(line({ level: 50, msg: 'failed', err: { type: 'TypeError', message: 'x is undefined', stack: 'long' } }))).toBe(
      '12:00:01 ERROR failed err="TypeError: x is undefined"',
    );
    expect(format('not json')).toBe('not json');
  });

  it('colours the level only when asked, and streams whole lines', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const stream = createPrettyLogStream(out, { color: true });
    const whole = `${line({ msg: 'hello' })}\n`;
    stream.write(whole.slice(0, 10));
    stream.write(whole.slice(10));
    await new Promise((resolve) => setImmediate(resolve));
    expect(text).toBe('12:00:01 \x1b[32mINFO \x1b[0m hello\n');
  });
});
