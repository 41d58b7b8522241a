/**
 * The Alibaba Cloud "POP" gateway error body, read by the clients and written by the simulators (spec §2
 * "Responses": the SDK reads RequestId, Code, Message, Recommend/Detail/Description and AccessDeniedDetail).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const popErrorBodySchema = z.looseObject({
  RequestId: z.string().optional(),
  // The SDK falls back to lowercase `code`/`message`; the schema accepts both and the reader prefers the documented one.
  Code: z.union([z.string(), z.number()]).transform(String).optional(),
  code: z.union([z.string(), z.number()]).transform(String).optional(),
  Message: z.string().optional(),
  message: z.string().optional(),
  Recommend: z.string().optional(),
  HostId: z.string().optional(),
});

export interface PopError {
  code: string;
  message: string;
  requestId?: string;
}

/** Undefined unless the JSON is an object carrying an error code. */
export function readPopError(json: unknown): PopError | undefined {
  const parsed = popErrorBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const code = parsed.data.Code ?? parsed.data.code;
  if (code === undefined || code === '') return undefined;
  return { code, message: parsed.data.Message ?? parsed.data.message ?? '', requestId: parsed.data.RequestId };
}

interface CatalogueEntry {
  status: number;
  message: string;
}

/**
 * What the simulators answer for each code. DeepfakeDetectIntl codes: the doc's "Return codes" table, status and
 * description verbatim. Gateway codes: public POP behaviour; statuses other than SignatureDoesNotMatch's 400 (seen
 * in public SDK error reports) are (guess), as are the messages' exact wording.
 */
export const POP_ERROR_CATALOGUE: Readonly<Record<string, CatalogueEntry>> = {
  MissingParameter: { status: 400, message: 'A parameter cannot be empty.' },
  InvalidParameter: { status: 400, message: 'The parameter is invalid.' },
  NoFaceDetected: {
    status: 401,
    message: 'Feature extraction failed for the face in the custom source image. Upload a different image.',
  },
  UnqualifiedPhoto: {
    status: 401,
    message:
      'The uploaded image is unreadable or its resolution does not meet the requirements. Replace the image. ' +
      'Make sure that the photo is clear, properly exposed, complete, and unobscured, and that the subject\u2019s head ' +
      'has no significant tilt.',
  },
  ToolargeImage: { status: 401, message: 'The image is too large. Compress the image or use a different upload method.' },
  DataDuplication: {
    status: 401,
    message:
      'You passed both SourceFacePicture and SourceFacePictureUrl, or you passed both TargetFacePicture and TargetFacePictureUrl.',
  },
  DownloadTimeout: { status: 401, message: 'The image download from the URL timed out.' },
  'Forbidden.RAMUserAccessDenied': {
    status: 403,
    message: 'Grant the AliyunAntCloudAuthFullAccess permission to the Resource Access Management (RAM) user.',
  },
  'Forbidden.AccountAccessDenied': {
    status: 403,
    message: 'Make sure that you have activated ID Verification and that your account does not have an overdue payment.',
  },
  'Throttling.Api': { status: 403, message: 'The API call is blocked by throttling.' },
  InternalError: { status: 500, message: 'An internal system error occurred. Contact technical support.' },

  SignatureDoesNotMatch: { status: 400, message: 'Specified signature does not match our calculation.' },
  IncompleteSignature: { status: 400, message: 'The request signature does not conform to Aliyun standards.' },
  'InvalidTimeStamp.Expired': { status: 400, message: 'Specified time stamp or date value is expired.' },
  'InvalidTimeStamp.Format': { status: 400, message: 'Specified time stamp or date value is not well formatted.' },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  'InvalidAction.NotFound': { status: 404, message: 'Specified api is not found, please check your url and method.' },
  InvalidVersion: { status: 400, message: 'Specified parameter Version is not valid.' },
  ServiceUnavailable: { status: 503, message: 'The request has failed due to a temporary failure of the server.' },
};

/** POP request ids are uppercase UUIDs (doc example: 8FC3D6AC-9FED-4311-8DA7-C4BF47D9****). */
export function newPopRequestId(): string {
  return randomUUID().toUpperCase();
}

export interface PopErrorAnswer {
  status: number;
  body: { RequestId: string; HostId: string; Code: string; Message: string; Recommend: string };
}

/**
 * A POP error as the gateway sends it. `detail` says what exactly was wrong, as POP messages often do. (guess)
 * Unknown codes get HTTP 400 unless a status is given.
 */
export function popErrorAnswer(options: {
  code: string;
  detail?: string;
  status?: number;
  hostId: string;
  product: string;
}): PopErrorAnswer {
  const entry = POP_ERROR_CATALOGUE[options.code];
  const requestId = newPopRequestId();
  const message = entry?.message ?? `Simulated error ${options.code}.`;
  return {
    status: options.status ?? entry?.status ?? 400,
    body: {
      RequestId: requestId,
      HostId: options.hostId,
      Code: options.code,
      Message: options.detail ? `${message} (${options.detail})` : message,
      // Public: the troubleshooting link POP puts in every error.
      Recommend:
        `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(options.code)}` +
        `&product=${encodeURIComponent(options.product)}&requestId=${requestId}`,
    },
  };
}
