/**
 * Step 2 of the video flow (spec §2 "How the Stream variant sends FaceFile"): an OSS PostObject authorised by the
 * policy and signature AuthorizeFileUpload returned. No Alibaba AccessKey signs it. We send standard multipart with
 * the policy fields first and `file` last (OSS ignores fields after `file`), unlike the SDK's quirky layout.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { rawFromText, transportFailure } from '../alibaba-acs3/pop-mapping.js';
import type { CheckFailure, ErrorCategory, RetakeReason } from '../types.js';

/** Public OSS bucket naming; endpoints are plain host names. Both end up in URLs, so nothing else is accepted. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]$/;

/** The fields the SDK reads from AuthorizeFileUpload (spec §2 step 1). */
export const uploadGrantSchema = z.looseObject({
  RequestId: z.string().optional(),
  AccessKeyId: z.string().min(1),
  Bucket: z.string().regex(BUCKET_NAME),
  Endpoint: z.string().regex(HOST_NAME),
  EncodedPolicy: z.string().min(1),
  Signature: z.string().min(1),
  ObjectKey: z
    .string()
    .min(1)
    .refine((key) => !key.startsWith('/') && !/[\r\n"]/.test(key)),
  UseAccelerate: z.boolean().optional(),
});

export type UploadGrant = z.infer<typeof uploadGrantSchema>;

/** Exactly the SDK's form (sdk: `http://${bucket}.${endpoint}/${objectKey}`), scheme http included. */
export function faceFileUrl(grant: UploadGrant): string {
  return `http://${grant.Bucket}.${grant.Endpoint}/${grant.ObjectKey}`;
}

/** The SDK uploads to `https://{Bucket}.{Endpoint}/`; a configured URL (a proxy, our simulator) replaces it. */
export function uploadUrl(grant: UploadGrant, override: string | undefined): string {
  return override ?? `https://${grant.Bucket}.${grant.Endpoint}/`;
}

export interface PostObjectForm {
  body: Buffer<ArrayBuffer>;
  contentType: string;
}

/** `success_action_status=201` asks OSS for 201 and an XML body instead of a bare 204. */
export function buildPostObjectForm(
  grant: UploadGrant,
  file: { bytes: Uint8Array; mime: string },
  boundary?: string,
): PostObjectForm {
  const mark = boundary ?? `----selfiescreen${randomBytes(12).toString('hex')}`;
  const field = (name: string, value: string) =>
    `--${mark}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    field('OSSAccessKeyId', grant.AccessKeyId) +
    field('policy', grant.EncodedPolicy) +
    field('Signature', grant.Signature) +
    field('key', grant.ObjectKey) +
    field('success_action_status', '201') +
    `--${mark}\r\nContent-Disposition: form-data; name="file"; filename="${grant.ObjectKey.split('/').pop() ?? 'face'}"\r\n` +
    `Content-Type: ${file.mime}\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head, 'utf8'), file.bytes, Buffer.from(`\r\n--${mark}--\r\n`, 'utf8')]);
  return { body, contentType: `multipart/form-data; boundary=${mark}` };
}

/** Public OSS PostObject: 201 with success_action_status=201, 204 (or 200) otherwise. */
export function isUploadSuccess(status: number): boolean {
  return status === 201 || status === 204 || status === 200;
}

/** `<Code>` and `<Message>` of an OSS XML error; undefined when the body is not one. */
export function readOssError(bodyText: string): { code: string; message: string; requestId?: string } | undefined {
  if (!/<Error>/.test(bodyText)) return undefined;
  const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(bodyText)?.[1];
  const code = tag('Code');
  return code ? { code, message: tag('Message') ?? '', requestId: tag('RequestId') } : undefined;
}

/**
 * OSS codes (public) onto our categories. The policy and its signature come from the vendor a moment earlier, so a
 * refusal of them is the vendor's fault and a fresh attempt (new policy) may pass. (guess) Unlike an unknown code of
 * the detection call, an unknown OSS code stays `unavailable`: the upload comes before the billed call, so a fresh
 * attempt cannot bill twice.
 */
function classifyOssError(code: string): { category: ErrorCategory; retakeReason?: RetakeReason } {
  if (code === 'EntityTooLarge') return { category: 'retake', retakeReason: 'too_large' };
  if (code === 'EntityTooSmall' || code === 'InvalidArgument' || code === 'InvalidPolicyDocument') return { category: 'input' };
  return { category: 'unavailable' };
}

/** OSS echoes the access key id, the signature it was given and what it signed (public); none may reach `raw`. */
export function withoutOssSecrets(bodyText: string): string {
  return bodyText.replace(
    /<(OSSAccessKeyId|SignatureProvided|StringToSign|StringToSignBytes)>[^<]*<\/\1>/g,
    '<$1>[redacted]</$1>',
  );
}

export function mapUploadFailure(vendor: string, status: number, bodyText: string, latencyMs: number): CheckFailure {
  const error = readOssError(bodyText);
  const raw = rawFromText(withoutOssSecrets(bodyText));
  if (!error) {
    // A 2xx that is not a success, or a redirect (never followed): vendor_protocol, as for every vendor answer.
    const category = status < 400 ? 'vendor_protocol' : status < 500 ? 'input' : 'unavailable';
    return transportFailure(category, `OSS.HTTP.${status}`, `${vendor} media upload answered HTTP ${status}`, latencyMs, {
      httpStatus: status,
      raw,
    });
  }
  return {
    kind: 'error',
    ...classifyOssError(error.code),
    vendorCode: `OSS.${error.code}`,
    message: `${vendor} media upload refused: ${error.message}`,
    vendorRequestId: error.requestId,
    httpStatus: status,
    latencyMs,
    raw,
  };
}
