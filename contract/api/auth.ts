/**
 * Sign-in and user administration. Every /api/cases…, /api/dashboard and /api/admin… route needs a
 * session cookie; every state-changing one (POST/PUT/PATCH/DELETE) other than login also needs
 * header `x-csrf-token` equal to the session's `csrfToken`. Anonymous → 401 `unauthenticated`;
 * bad/missing CSRF → 403 `csrf_failed`; reviewer on an admin route → 403 `forbidden`.
 */
import { z } from 'zod';
import { ROLES } from './enums.js';

export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** POST /api/auth/login body. Throttled: too many failures → 429 `too_many_attempts` + Retry-After. */
export const loginRequestSchema = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** 200 of POST /api/auth/login and GET /api/auth/me (401 when there is no session). POST /api/auth/logout → 204. */
export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  /** Send back as `x-csrf-token` on every state-changing request. */
  csrfToken: z.string(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const signInDelayViewSchema = z.object({
  /** When the last delay ends (ISO). */
  until: z.string(),
  /** Client addresses whose attempts on this account are delayed. */
  addresses: z.number().int(),
  /** The account-wide ceiling is reached: every address that never signed in here waits. */
  accountWide: z.boolean(),
});
export type SignInDelayView = z.infer<typeof signInDelayViewSchema>;

/**
 * GET /api/admin/users → { users }; POST /api/admin/users { email, password, role } → 201 UserView
 * (password ≥ 12 characters, else 400 `weak_password`; 409 `email_taken`).
 */
export const userViewSchema = sessionUserSchema
  .extend({
    createdAt: z.string(),
    /** Present while the login throttle delays sign-in attempts on this account (list only). */
    signInDelay: signInDelayViewSchema.optional(),
  })
  .meta({ id: 'UserView' });
export type UserView = z.infer<typeof userViewSchema>;

export const userListResponseSchema = z.object({ users: z.array(userViewSchema) });
export type UserListResponse = z.infer<typeof userListResponseSchema>;

/** The password's minimum length is checked after this shape (400 `weak_password`, not `invalid_request`). */
export const createUserRequestSchema = z.object({
  email: z
    .string()
    .trim()
    .regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address')
    .max(254),
  password: z.string().max(1024),
  role: roleSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** The path of /api/admin/users/:id/unlock. */
export const userParamsSchema = z.object({ id: z.string().describe('The user id') });
export type UserParams = z.infer<typeof userParamsSchema>;

/** POST /api/admin/users/:id/unlock → UnlockResponse (404 `not_found`). */
export const unlockResponseSchema = z.object({
  /** Throttle counters cleared. */
  cleared: z.number().int(),
});
export type UnlockResponse = z.infer<typeof unlockResponseSchema>;
