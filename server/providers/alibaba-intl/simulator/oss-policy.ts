/**
 * The simulated OSS upload authorisation (public: OSS PostObject with a V1 policy): AuthorizeFileUpload hands out
 * a base64 JSON policy (expiration, bucket, exact key, content-length-range) and its signature,
 * base64(HMAC-SHA1(OSS secret, policy)); PostObject checks them. The OSS secret never leaves the simulator.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { newPopRequestId } from '../../alibaba-acs3/pop-error.js';

export interface SimulatedBucket {
  bucket: string;
  endpoint: string;
  /** The temporary OSS AccessKeyId handed to uploaders, and its secret. */
  accessKeyId: string;
  secret: string;
}

/** (guess) A plausible bucket in ap-southeast-1; FaceFile names it as `http://{bucket}.{endpoint}/{key}`. */
export function createSimulatedBucket(): SimulatedBucket {
  return {
    bucket: 'sim-cloudauth-intl-ap-southeast-1',
    endpoint: 'oss-ap-southeast-1.aliyuncs.com',
    accessKeyId: `STS.SIM${randomBytes(9).toString('hex')}`,
    secret: randomBytes(24).toString('base64'),
  };
}

export function ossPolicySignature(secret: string, encodedPolicy: string): string {
  return createHmac('sha1', secret).update(encodedPolicy, 'utf8').digest('base64');
}

export interface UploadGrantBody {
  RequestId: string;
  AccessKeyId: string;
  Bucket: string;
  Endpoint: string;
  EncodedPolicy: string;
  Signature: string;
  ObjectKey: string;
  UseAccelerate: boolean;
}

/** (guess) Key layout; the SDK capture's canned key was `upload/2026/test-object/face.mp4`. */
export function issueUploadGrant(
  bucket: SimulatedBucket,
  now: Date,
  limits: { ttlMs: number; maxBytes: number },
): UploadGrantBody {
  const objectKey = `upload/${now.toISOString().slice(0, 10).replaceAll('-', '')}/${randomUUID()}`;
  const policy = {
    expiration: new Date(now.getTime() + limits.ttlMs).toISOString(),
    conditions: [{ bucket: bucket.bucket }, ['eq', '$key', objectKey], ['content-length-range', 1, limits.maxBytes]],
  };
  const encodedPolicy = Buffer.from(JSON.stringify(policy), 'utf8').toString('base64');
  return {
    RequestId: newPopRequestId(),
    AccessKeyId: bucket.accessKeyId,
    Bucket: bucket.bucket,
    Endpoint: bucket.endpoint,
    EncodedPolicy: encodedPolicy,
    Signature: ossPolicySignature(bucket.secret, encodedPolicy),
    ObjectKey: objectKey,
    UseAccelerate: false,
  };
}

export interface OssRejection {
  status: number;
  code: string;
  message: string;
}

/**
 * OSS codes and messages (public OSS/S3 PostObject wording). The statuses of the argument errors and which code
 * OSS picks for a body that is not multipart at all are (guess).
 */
export const OSS_ERRORS = {
  notMultipart: { status: 400, code: 'InvalidArgument', message: 'POST requires exactly one file upload per request.' },
  malformed: {
    status: 400,
    code: 'MalformedPOSTRequest',
    message: 'The body of your POST request is not well-formed multipart/form-data.',
  },
  missingFile: { status: 400, code: 'InvalidArgument', message: 'The form field file is missing.' },
  missingKey: { status: 400, code: 'InvalidArgument', message: 'The form field key is missing.' },
  anonymous: { status: 403, code: 'AccessDenied', message: 'You have no right to access this object because of bucket acl.' },
  unknownAccessKey: {
    status: 403,
    code: 'InvalidAccessKeyId',
    message: 'The OSS Access Key Id you provided does not exist in our records.',
  },
  signatureMismatch: {
    status: 403,
    code: 'SignatureDoesNotMatch',
    message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  },
  invalidJson: { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid JSON.' },
  invalidExpiration: { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid Expiration.' },
  invalidConditions: { status: 400, code: 'InvalidPolicyDocument', message: 'Invalid Policy: Invalid Conditions.' },
  expired: { status: 403, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' },
  tooLarge: { status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size.' },
  tooSmall: { status: 400, code: 'EntityTooSmall', message: 'Your proposed upload is smaller than the minimum allowed size.' },
  internal: { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
} as const satisfies Record<string, OssRejection>;

export interface PostObjectFields {
  fields: ReadonlyMap<string, string>;
  fileBytes: number;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Undefined when OSS would store the object. */
export function checkPostObject(upload: PostObjectFields, bucket: SimulatedBucket, now: Date): OssRejection | undefined {
  const get = (name: string) => upload.fields.get(name);
  const key = get('key');
  if (!key) return OSS_ERRORS.missingKey;
  const accessKeyId = get('OSSAccessKeyId');
  const encodedPolicy = get('policy');
  const signature = get('Signature');
  if (!accessKeyId || !encodedPolicy || !signature) return OSS_ERRORS.anonymous;
  if (accessKeyId !== bucket.accessKeyId) return OSS_ERRORS.unknownAccessKey;
  if (!sameText(signature, ossPolicySignature(bucket.secret, encodedPolicy))) return OSS_ERRORS.signatureMismatch;

  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(Buffer.from(encodedPolicy, 'base64').toString('utf8')) as typeof policy;
  } catch {
    return OSS_ERRORS.invalidJson;
  }
  const expiration = typeof policy.expiration === 'string' ? Date.parse(policy.expiration) : Number.NaN;
  if (Number.isNaN(expiration)) return OSS_ERRORS.invalidExpiration;
  if (expiration <= now.getTime()) return OSS_ERRORS.expired;
  if (!Array.isArray(policy.conditions)) return OSS_ERRORS.invalidConditions;

  for (const condition of policy.conditions as unknown[]) {
    const failed: OssRejection = {
      status: 403,
      code: 'AccessDenied',
      message: `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
    };
    if (Array.isArray(condition) && condition[0] === 'content-length-range') {
      const [, min, max] = condition as [string, number, number];
      if (upload.fileBytes > max) return OSS_ERRORS.tooLarge;
      if (upload.fileBytes < min) return OSS_ERRORS.tooSmall;
    } else if (Array.isArray(condition) && condition[0] === 'eq' && condition[1] === '$key') {
      if (key !== condition[2]) return failed;
    } else if (typeof condition === 'object' && condition !== null && 'bucket' in condition) {
      if ((condition as { bucket: unknown }).bucket !== bucket.bucket) return failed;
    }
  }
  return undefined;
}
