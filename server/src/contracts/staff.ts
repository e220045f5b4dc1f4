import { z } from 'zod';
import { idSchema, isoTimeSchema, rolesSchema, staffUserViewSchema } from './api.ts';

/**
 * Colleagues (issue 12): the admin invites them with a one-time welcome link,
 * changes their roles and removes them; the colleague sets a password.
 */

/** Staff passwords: long enough to resist guessing, short enough to hash without stalling (Argon2 reads it all). */
export const STAFF_PASSWORD_MIN = 12;
export const STAFF_PASSWORD_MAX = 1024;
export const staffPasswordSchema = z.string().min(STAFF_PASSWORD_MIN).max(STAFF_PASSWORD_MAX);

/** How long a colleague's welcome link works. */
export const STAFF_WELCOME_DAYS = 7;

export const inviteColleagueBodySchema = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(100),
  roles: z.strictObject({ author: z.boolean(), recruiter: z.boolean(), admin: z.boolean() }),
});
export type InviteColleagueBody = z.infer<typeof inviteColleagueBodySchema>;

/** Shown to the admin once: only the token's hash is kept. */
export const invitedColleagueSchema = z.object({
  colleague: staffUserViewSchema,
  url: z.string(),
  expiresAt: isoTimeSchema,
});
export type InvitedColleague = z.infer<typeof invitedColleagueSchema>;

/** A colleague in the admin's list: `welcomeUntil` while their welcome link is unused (no password yet). */
export const colleagueViewSchema = staffUserViewSchema.extend({ welcomeUntil: isoTimeSchema.nullable() });
export type ColleagueView = z.infer<typeof colleagueViewSchema>;
export const colleagueListSchema = z.object({ staff: z.array(colleagueViewSchema) });

/** The admin changes roles; `admin` left out keeps it as it is. */
export const changeColleagueRolesBodySchema = z.strictObject({
  roles: z.strictObject({ author: z.boolean(), recruiter: z.boolean(), admin: z.boolean().optional() }),
});

export const removedColleagueSchema = z.object({ id: idSchema, roles: rolesSchema });

/** The welcome token is 32 random bytes in base64url (43 characters). */
export const welcomeBodySchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'A welcome link token'),
  password: staffPasswordSchema,
});
export type WelcomeBody = z.infer<typeof welcomeBodySchema>;
export const welcomeDoneSchema = z.object({ email: z.string(), organisation: z.string() });
export type WelcomeDone = z.infer<typeof welcomeDoneSchema>;
