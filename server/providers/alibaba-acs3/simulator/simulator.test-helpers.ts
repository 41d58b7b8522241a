/** Sends built (or deliberately broken) ACS3 requests to a simulator through `app.inject`. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { RpcRequest } from '../rpc-request.js';

export interface PopAnswerBody {
  RequestId: string;
  Code: string;
  Message: string;
  HostId?: string;
  Recommend?: string;
  ResultObject?: { Result: string; RiskTag: string; RiskScore: Record<string, string>; TransactionId?: string };
  [field: string]: unknown;
}

export interface InjectedAnswer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: PopAnswerBody;
}

/** `headers` replace (or with `undefined`, remove) headers of the built request; `body` replaces its body. */
export async function injectRpc(
  app: FastifyInstance,
  request: RpcRequest,
  overrides: { headers?: Record<string, string | undefined>; body?: string | Buffer; url?: string } = {},
): Promise<InjectedAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  for (const [name, value] of Object.entries(overrides.headers ?? {})) {
    delete headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const url = new URL(overrides.url ?? request.url);
  const response = await app.inject({
    method: request.method,
    url: `${url.pathname}${url.search}`,
    headers,
    payload: overrides.body ?? request.body,
  });
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return { status: response.statusCode, headers: response.headers, body: response.json<PopAnswerBody>() };
}
