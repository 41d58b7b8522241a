/**
 * Outcomes for failures that never reached a vendor's answer (or reached one we cannot read): the same for every
 * vendor but for its name in the message and its table of our own codes.
 */
import type { CheckFailure, ErrorCategory } from '../types.js';
import { oversizedRaw } from './read-body.js';

/** Codes for failures that are ours, not the vendor's; a vendor may spell one differently. */
export const CLIENT_TRANSPORT_CODES = {
  timeout: 'Client.Timeout',
  aborted: 'Client.Aborted',
  network: 'Client.NetworkError',
  invalidRequest: 'Client.InvalidRequest',
  invalidJson: 'Client.InvalidJson',
  unexpectedShape: 'Client.UnexpectedResponse',
  tooLarge: 'Client.ResponseTooLarge',
} as const;

export type TransportCodes = { readonly [Name in keyof typeof CLIENT_TRANSPORT_CODES]: string };

export function transportFailure(
  category: ErrorCategory,
  vendorCode: string,
  message: string,
  latencyMs: number,
  extra: Partial<CheckFailure> = {},
): CheckFailure {
  return { kind: 'error', category, vendorCode, message, latencyMs, raw: null, ...extra };
}

const MAX_RAW_TEXT_CHARS = 4096;

/** A body as `raw`: parsed JSON when it is JSON, else (truncated) text. */
export function rawFromText(bodyText: string): unknown {
  try {
    return JSON.parse(bodyText) as unknown;
  } catch {
    return bodyText.length > MAX_RAW_TEXT_CHARS ? `${bodyText.slice(0, MAX_RAW_TEXT_CHARS)}…` : bodyText;
  }
}

export interface TransportOutcomes {
  timeout(latencyMs: number, timeoutMs: number): CheckFailure;
  /** The caller's own signal fired for a reason other than a timeout. (guess) Reported as unavailable. */
  aborted(latencyMs: number): CheckFailure;
  networkFailure(latencyMs: number, cause: string): CheckFailure;
  /** The request could not even be built (e.g. an endpoint that is not an http(s) URL): a configuration fault. */
  invalidRequest(latencyMs: number, cause: string): CheckFailure;
  /**
   * A 2xx whose body is not JSON; `extra` carries what is known of it (httpStatus, request id). The vendor may have
   * done (and billed) the work, so it is vendor_protocol: never re-sent, not an outage.
   */
  notJson(latencyMs: number, bodyText: string, extra: Partial<CheckFailure>): CheckFailure;
  /** A 2xx in JSON, but none of the vendor's documented shapes: vendor_protocol, as notJson. */
  undocumentedBody(latencyMs: number, extra: Partial<CheckFailure>): CheckFailure;
  /** An answer over ./read-body.ts's cap, whatever its status: vendor_protocol; `raw` keeps its head only. */
  tooLarge(latencyMs: number, body: { head: string; limitBytes: number }, extra: Partial<CheckFailure>): CheckFailure;
}

export function transportOutcomes(vendor: string, codes: TransportCodes): TransportOutcomes {
  return {
    timeout: (latencyMs, timeoutMs) =>
      transportFailure('timeout', codes.timeout, `No answer from ${vendor} within ${timeoutMs} ms`, latencyMs),
    aborted: (latencyMs) =>
      transportFailure('unavailable', codes.aborted, `The check was cancelled before ${vendor} answered`, latencyMs),
    networkFailure: (latencyMs, cause) =>
      transportFailure('unavailable', codes.network, `Could not reach ${vendor}: ${cause}`, latencyMs),
    invalidRequest: (latencyMs, cause) =>
      transportFailure('unavailable', codes.invalidRequest, `Could not build the ${vendor} request: ${cause}`, latencyMs),
    notJson: (latencyMs, bodyText, extra) =>
      transportFailure('vendor_protocol', codes.invalidJson, `${vendor} answered with a body that is not JSON`, latencyMs, {
        ...extra,
        raw: rawFromText(bodyText),
      }),
    undocumentedBody: (latencyMs, extra) =>
      transportFailure(
        'vendor_protocol',
        codes.unexpectedShape,
        `${vendor} answered with an undocumented body`,
        latencyMs,
        extra,
      ),
    tooLarge: (latencyMs, body, extra) =>
      transportFailure(
        'vendor_protocol',
        codes.tooLarge,
        `${vendor} answered with more than ${Math.round(body.limitBytes / 1024)} KB; the rest was not read`,
        latencyMs,
        { ...extra, raw: oversizedRaw(body.head, body.limitBytes) },
      ),
  };
}
