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

/**
 * What a session must do before anything else: `password_change` (a temporary password) or
 * `totp_setup` (two-factor sign-in is required and not set up). Until then every other route
 * answers 403 `password_change_required` / `totp_setup_required`.
 */
export const PENDING_STEPS = ['password_change', 'totp_setup'] as const;
export type PendingStep = (typeof PENDING_STEPS)[number];

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  pending: z.enum(PENDING_STEPS).optional(),
  /** Signs in with a TOTP code (two-factor sign-in is on). */
  totpEnabled: z.boolean().optional(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/**
 * POST /api/auth/login body. Throttled: too many failures → 429 `too_many_attempts` + Retry-After.
 * With two-factor sign-in on, a right password without `totpCode` → 401 `totp_required`; a wrong
 * or already used code → 401 `invalid_totp_code`. A disabled account → 403 `account_disabled`.
 */
export const loginRequestSchema = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(1024),
  totpCode: z.string().max(16).optional(),
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
    disabled: z.boolean(),
    /** Signs in with a temporary (reset) password until it is changed. */
    resetPending: z.boolean(),
    totpEnabled: z.boolean(),
    /** Two-factor sign-in required for this account (or for every admin by TOTP_REQUIRED_FOR_ADMINS). */
    totpRequired: z.boolean(),
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

/**
 * PATCH /api/admin/users/:id → UserView. Disabling closes the account's sessions. An admin cannot
 * disable or demote themself (409 `own_account`), nor the last active admin (409 `last_admin`).
 */
export const updateUserRequestSchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional(), totpRequired: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.disabled !== undefined || v.totpRequired !== undefined, {
    message: 'send role, disabled or totpRequired',
  });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/**
 * POST /api/admin/users/:id/reset-password → a temporary password, shown once: it must be changed at
 * the next sign-in, and the account's sessions are closed. `resetTotp` also turns two-factor off
 * (a lost phone).
 */
export const resetPasswordRequestSchema = z.object({ resetTotp: z.boolean().default(false) });
export type ResetPasswordRequest = z.input<typeof resetPasswordRequestSchema>;
export const resetPasswordResponseSchema = z.object({ temporaryPassword: z.string() });
export type ResetPasswordResponse = z.infer<typeof resetPasswordResponseSchema>;

/**
 * POST /api/auth/password → 204: your own password (≥ 12 characters, else 400 `weak_password`;
 * wrong current password → 403 `wrong_password`). Your other sessions are closed.
 */
export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().max(1024),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** POST /api/auth/sessions/sign-out-others → how many other sessions of yours were closed. */
export const signOutOthersResponseSchema = z.object({ closed: z.number().int() });
export type SignOutOthersResponse = z.infer<typeof signOutOthersResponseSchema>;

/**
 * POST /api/auth/totp/setup → a new secret for your authenticator app (not active yet; 409
 * `totp_enabled` when it is on). POST /api/auth/totp/confirm { code } turns it on (400
 * `invalid_totp_code`). POST /api/auth/totp/disable { password } turns it off (403
 * `wrong_password`; 409 `totp_required` when it is required for you).
 */
export const totpSetupResponseSchema = z.object({
  /** Base32, for typing in by hand. */
  secret: z.string(),
  /** otpauth://totp/… for the QR code. */
  otpauthUri: z.string(),
});
export type TotpSetupResponse = z.infer<typeof totpSetupResponseSchema>;
export const totpConfirmRequestSchema = z.object({ code: z.string().min(1).max(16) });
export type TotpConfirmRequest = z.infer<typeof totpConfirmRequestSchema>;
export const totpDisableRequestSchema = z.object({ password: z.string().min(1).max(1024) });
export type TotpDisableRequest = z.infer<typeof totpDisableRequestSchema>;
