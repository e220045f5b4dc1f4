import { z } from 'zod';
import { idSchema, isoTimeSchema } from './api.ts';
import { INVITE_STATUSES } from './plain.ts';

/**
 * Invites: one at a time or many from a CSV file, their links shown again,
 * re-issued, revoked or extended, and the printable sheet of slips.
 */

/** The interface languages a candidate may prefer: the client's locales (client/src/i18n/setup.ts). */
export const INVITE_LANGUAGES = ['en', 'sv', 'ar', 'prs', 'ti', 'uk'] as const;
export type InviteLanguage = (typeof INVITE_LANGUAGES)[number];
/** Extra minutes one invite may add to the assessment's time limit (ten hours). */
export const MAX_EXTRA_MINUTES = 600;
/** A CSV import is bounded in bytes and rows, so parsing it never holds the event loop for long. */
export const MAX_IMPORT_CSV_BYTES = 256 * 1024;
export const MAX_IMPORT_ROWS = 1000;
/** The header names a CSV file uses (case, spaces, dashes and underscores do not matter). */
export const IMPORT_COLUMNS = ['name', 'contact', 'language', 'extraMinutes'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

// Names and contacts are shown, printed and put on slips: one line of text, no control characters.
const lineOfText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\p{Zl}\p{Zp}]*$/u, 'One line of text without control characters');

/** One invite's fields: the single-invite body, and what each CSV row is checked against. */
export const createInviteBodySchema = z.strictObject({
  /** A name or an alias: what staff and the slip call the candidate. */
  candidateName: lineOfText(200),
  /** An e-mail, a phone number, a coordinator: whatever reaches the candidate. */
  contact: lineOfText(200).optional(),
  preferredLanguage: z.enum(INVITE_LANGUAGES).optional(),
  extraMinutes: z.number().int().min(0).max(MAX_EXTRA_MINUTES).optional(),
});
export type CreateInviteBody = z.infer<typeof createInviteBodySchema>;

export const inviteViewSchema = z.object({
  id: idSchema,
  assessmentId: idSchema,
  shortCode: z.string(),
  candidateName: z.string().nullable(),
  contact: z.string().nullable(),
  preferredLanguage: z.enum(INVITE_LANGUAGES).nullable(),
  extraMinutes: z.number().int(),
  /** Null: the candidate may start until the assessment closes; set: until then instead. */
  expiresAt: isoTimeSchema.nullable(),
  /** Whether the link can be shown again (false for invites made before links were kept, until re-issued). */
  linkAvailable: z.boolean(),
  status: z.enum(INVITE_STATUSES),
  attemptId: idSchema.nullable(),
  createdAt: isoTimeSchema,
  revokedAt: isoTimeSchema.nullable(),
});
export type InviteView = z.infer<typeof inviteViewSchema>;
export const inviteListSchema = z.object({ invites: z.array(inviteViewSchema) });

export const createdInviteSchema = z.object({
  invite: inviteViewSchema,
  /** The link token; staff can show it again later (GET …/link). */
  token: z.string(),
  /** The link to send the candidate. */
  url: z.string(),
});
export type CreatedInvite = z.infer<typeof createdInviteSchema>;

export const inviteLinkSchema = z.object({ token: z.string(), url: z.string(), shortCode: z.string() });
export type InviteLink = z.infer<typeof inviteLinkSchema>;

export const extendInviteBodySchema = z.strictObject({ expiresAt: isoTimeSchema });
export type ExtendInviteBody = z.infer<typeof extendInviteBodySchema>;

// CSV import ------------------------------------------------------------------

export const importInvitesBodySchema = z.strictObject({
  csv: z
    .string()
    .max(MAX_IMPORT_CSV_BYTES)
    .refine((text) => new TextEncoder().encode(text).length <= MAX_IMPORT_CSV_BYTES, { message: `At most ${MAX_IMPORT_CSV_BYTES / 1024} KB` }),
  /** true: only check and report; false: create every valid new row, in one transaction. */
  dryRun: z.boolean(),
});
export type ImportInvitesBody = z.infer<typeof importInvitesBodySchema>;

/** A problem with one cell (or, with column null, the whole row or file). Rows count from 1 = the header. */
export const importIssueSchema = z.object({ row: z.number().int(), column: z.enum(IMPORT_COLUMNS).nullable(), message: z.string() });
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const IMPORT_ROW_STATUSES = ['new', 'created', 'already_invited', 'duplicate', 'invalid'] as const;
export const importRowSchema = z.object({
  row: z.number().int(),
  candidateName: z.string(),
  contact: z.string().nullable(),
  preferredLanguage: z.enum(INVITE_LANGUAGES).nullable(),
  extraMinutes: z.number().int().nullable(),
  /** new: would be created; created: was; already_invited: an earlier import has it; duplicate: an earlier row of this file has it. */
  status: z.enum(IMPORT_ROW_STATUSES),
  inviteId: idSchema.nullable(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  rows: z.array(importRowSchema),
  issues: z.array(importIssueSchema),
  created: z.number().int(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

// The printable sheet ---------------------------------------------------------

export const sheetSlipSchema = z.object({
  inviteId: idSchema,
  candidateName: z.string().nullable(),
  shortCode: z.string(),
  url: z.string(),
  preferredLanguage: z.enum(INVITE_LANGUAGES).nullable(),
});
export type SheetSlip = z.infer<typeof sheetSlipSchema>;
export const sheetSchema = z.object({
  assessmentTitle: z.string(),
  /** The page the short code is typed into. */
  codeUrl: z.string(),
  /** One per invite that is not revoked and whose link is kept. */
  slips: z.array(sheetSlipSchema),
  /** Invites without a kept link (made before links were kept): re-issue them to print them. */
  missing: z.array(z.object({ inviteId: idSchema, candidateName: z.string().nullable() })),
});
export type Sheet = z.infer<typeof sheetSchema>;
