/** Field types shared by the server's environment schema (./config-env.ts) and each vendor's (providers/<vendor>/index.ts). */
import { z } from 'zod';

/** Unset or blank = undefined; otherwise trimmed. */
export const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const optionalUrl = optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), {
  message: 'must be an http(s) URL',
});
