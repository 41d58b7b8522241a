/**
 * The DeepfakeDetectIntl(Stream) and AuthorizeFileUpload parameters the simulator checks (doc "Request
 * parameters"; spec §2). Media rules are in ../../alibaba-acs3/simulator/media.ts.
 */
import type { GateRejection } from '../../alibaba-acs3/simulator/gate.js';
import { checkOrderId, type RpcParams } from '../../alibaba-acs3/simulator/params.js';
import { ALIBABA_INTL_HARD_LIMITS } from '../limits.js';
import { PRODUCT_CODE, UPLOAD_PRODUCT } from '../request.js';

const reject = (code: string, detail?: string): GateRejection => ({ code, detail });

/** ProductCode, SceneCode and MerchantBizId are required (doc). (guess) A missing one is MissingParameter. */
export function checkDetectParams(params: RpcParams): GateRejection | undefined {
  const productCode = params.get('ProductCode');
  if (productCode === undefined) return reject('MissingParameter', 'ProductCode');
  if (productCode !== PRODUCT_CODE) return reject('InvalidParameter', 'ProductCode must be FACE_DEEPFAKE');
  const sceneCode = params.get('SceneCode');
  if (sceneCode === undefined) return reject('MissingParameter', 'SceneCode');
  if (!ALIBABA_INTL_HARD_LIMITS.sceneCodePattern.test(sceneCode)) {
    return reject('InvalidParameter', 'SceneCode must be at most 10 letters, digits or underscores');
  }
  return checkOrderId(params, 'MerchantBizId');
}

/** (guess) The open platform refuses uploads for another product; any region is taken as given. */
export function checkAuthorizeParams(params: RpcParams): GateRejection | undefined {
  const product = params.get('Product');
  if (product === undefined) return reject('MissingParameter', 'Product');
  if (product !== UPLOAD_PRODUCT) return reject('InvalidParameter', `Product ${product}`);
  return undefined;
}
