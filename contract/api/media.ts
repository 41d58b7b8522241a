/**
 * Stored media bytes: GET /api/cases/:id/media/:role (reviewers) and GET /api/media-links/:token
 * (vendors that pull a clip by URL). Both answer the file itself, with its stored MIME type and
 * Range support (206), not JSON.
 */
import { z } from 'zod';

/** A file's bytes as the API describes them (OpenAPI `format: binary`); never parsed. */
export const binarySchema = z.string().meta({ format: 'binary' });

export const caseMediaParamsSchema = z.object({
  id: z.string().describe('The case id'),
  role: z.string().describe('`video`, `image`, `video.<providerId>`, `image.<providerId>` or `frame.0` … `frame.9`'),
});
export type CaseMediaParams = z.infer<typeof caseMediaParamsSchema>;

export const mediaLinkParamsSchema = z.object({
  token: z.string().describe('The signed, expiring token from the link the server gave the vendor'),
});
export type MediaLinkParams = z.infer<typeof mediaLinkParamsSchema>;
