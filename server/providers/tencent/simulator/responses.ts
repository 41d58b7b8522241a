/** The bodies the Tencent simulator answers, shaped exactly as the doc's examples (always with HTTP 200). */
import { randomUUID } from 'node:crypto';

/**
 * Messages for the codes the simulator can answer. API codes: the doc's error table, word for word (the doc's
 * Example 3 shows its description is also the Message). Common codes: the public Common Error Codes page.
 * AuthFailure.SignatureFailure: the message of that page's example body.
 */
export const DOCUMENTED_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  'FailedOperation.CoveredFace': 'The face in the picture is blocked, please upload a picture without any blockage',
  'FailedOperation.DetectEngineSystemError': 'The service engine call failed, please try again',
  'FailedOperation.ImageDecodeFailed': 'Image decoding failed.',
  'FailedOperation.IncompleteFace': 'No complete face was detected. Please enter a complete face image.',
  'FailedOperation.PoorImageQuality': 'The image quality is too poor, please check the image quality',
  'FailedOperation.UnKnown': 'Unknown internal error.',
  'FailedOperation.VideoDecodeFailed': 'Video decoding abnormality',
  'FailedOperation.VideoDurationExceeded':
    'The video duration is too long. The maximum video duration supported by the current interface is 20s.',
  InvalidParameter: 'Invalid parameter.',
  InvalidParameterValue: 'Incorrect parameter value.',
  RequestLimitExceeded: 'Number of requests exceeds the frequency limit.',
  'UnauthorizedOperation.Arrears': 'The account is in arrears.',
  'UnauthorizedOperation.ChargeStatusException': 'The billing status is abnormal.',
  'UnauthorizedOperation.Nonactivated': 'The service has not been activated.',

  'AuthFailure.InvalidAuthorization': '`Authorization` in the request header is invalid.',
  'AuthFailure.SecretIdNotFound':
    'Key does not exist. Check if the key has been deleted or disabled in the console, and if not, check if the key is correctly entered. Note that whitespaces should not exist before or after the key.',
  'AuthFailure.SignatureExpire':
    'Signature expired. Timestamp and server time cannot differ by more than five minutes. Please ensure your current local time matches the standard time.',
  'AuthFailure.SignatureFailure': 'The provided credentials could not be validated. Please check your signature is correct.',
  InternalError: 'Internal error.',
  InvalidAction: 'The API does not exist.',
  MissingParameter: 'A parameter is missing.',
  NoSuchVersion: 'The API version does not exist.',
  RequestSizeLimitExceeded: 'The request size exceeds the upper limit.',
  ServiceUnavailable: 'Service is unavailable now.',
  UnknownParameter: 'Unknown parameter.',
  UnsupportedOperation: 'Unsupported operation.',
};

export function newRequestId(): string {
  return randomUUID();
}

export interface SimulatedErrorBody {
  Response: { Error: { Code: string; Message: string }; RequestId: string };
}

export interface SimulatedSuccessBody {
  Response: {
    AttackRiskDetailList: { Type: string }[];
    AttackRiskLevel: 'Low' | 'Mid' | 'High';
    ExtraInfo: { RetrievalLivenessExtraInfo: unknown[] };
    RequestId: string;
  };
}

/** `detail` names what was wrong, as Tencent's own messages often do. (guess: its exact wording) */
export function errorBody(code: string, detail?: string): SimulatedErrorBody {
  const message = DOCUMENTED_ERROR_MESSAGES[code] ?? `Simulated error ${code}.`;
  return {
    Response: { Error: { Code: code, Message: detail ? `${message} (${detail})` : message }, RequestId: newRequestId() },
  };
}

export function successBody(level: 'Low' | 'Mid' | 'High', riskTypes: string[]): SimulatedSuccessBody {
  return {
    Response: {
      // Doc: the list is only filled for High or Mid; Low answers an empty array.
      AttackRiskDetailList: level === 'Low' ? [] : riskTypes.map((Type) => ({ Type })),
      AttackRiskLevel: level,
      // (guess) ExtraInfo's contents are not documented for this API beyond the template-hit list.
      ExtraInfo: { RetrievalLivenessExtraInfo: [] },
      RequestId: newRequestId(),
    },
  };
}
