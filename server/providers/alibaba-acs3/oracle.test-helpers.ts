/**
 * Runs the official Alibaba SDK (@alicloud/openapi-core 1.0.8) as an oracle: a pinned x-acs-date and nonce through
 * `RuntimeOptions.extendsParameters` (spec §7), and a recorder that receives what the SDK sends. The SDK keeps the
 * real hostname in its request line and Host header; only the TCP connection is redirected to the loopback
 * recorder (its http client calls `http.request`, which is wrapped here).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as openapiCore from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { vi } from 'vitest';

export interface RecordedSdkRequest {
  method: string;
  target: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The class behind a CommonJS default export, however the loader wrapped it. */
export function cjsDefault<T>(module: { default: T }): T {
  const value = module.default as unknown;
  if (typeof value === 'function') return value as T;
  return (value as { default: T }).default;
}

export const OpenApi = cjsDefault(openapiCore);
export const { $OpenApiUtil } = openapiCore;

export function pinnedRuntime(date: string, nonce: string): $dara.RuntimeOptions {
  return new $dara.RuntimeOptions({
    extendsParameters: new $dara.ExtendsParameters({ headers: { 'x-acs-date': date, 'x-acs-signature-nonce': nonce } }),
  });
}

export interface Recorder {
  port: number;
  requests: RecordedSdkRequest[];
  /** What the recorder answers next (JSON, status 200 unless given). */
  respondWith(body: unknown, status?: number): void;
  close(): Promise<void>;
}

export async function startRecorder(): Promise<Recorder> {
  const requests: RecordedSdkRequest[] = [];
  let next: { body: unknown; status: number } = { body: {}, status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(next.status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    respondWith(body, status = 200) {
      next = { body, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every http.request made while active connects to 127.0.0.1:port, with the request line and headers unchanged. */
export function redirectHttpTo(port: number): () => void {
  const original = http.request.bind(http);
  const spy = vi.spyOn(http, 'request').mockImplementation(((options: http.RequestOptions, ...rest: unknown[]) => {
    const redirected = { ...options, host: '127.0.0.1', hostname: '127.0.0.1', port };
    return (original as (...args: unknown[]) => http.ClientRequest)(redirected, ...rest);
  }) as typeof http.request);
  return () => spy.mockRestore();
}
