/**
 * Every vendor, in the order GET /api/providers lists them (after `local`). The server config and the registry loop
 * over this list; adding a vendor is its folder plus one line here.
 */
import { alibabaCn } from './alibaba-cn/index.js';
import { alibabaIntl } from './alibaba-intl/index.js';
import type { VendorDescriptor, VendorId } from './descriptor.js';
import { finauth } from './finauth/index.js';
import { glair } from './glair/index.js';
import { tencent } from './tencent/index.js';

const LISTED = [tencent, finauth, glair, alibabaIntl, alibabaCn] as const;
export const VENDORS: readonly VendorDescriptor[] = LISTED;

/** Fails to compile while a vendor id the API knows (ProviderId, ./types.ts) has no descriptor above. */
type Unlisted = Exclude<VendorId, (typeof LISTED)[number]['id']>;
type MustBeTrue<T extends true> = T;
export type EveryVendorListed = MustBeTrue<[Unlisted] extends [never] ? true : false>;
