import { z } from 'zod';
import { EXPLAIN_LIMITS, functionSignatureSchema, LANGUAGE_IDS, valueComparisonSchema, verdictSchema } from '../contracts/index.ts';

const relativePath = z
  .string()
  .min(1)
  .max(300)
  .refine((p) => !p.startsWith('/') && !p.split(/[\\/]/).includes('..') && !p.includes('\0'), {
    message: 'must be a path inside the package (no leading /, no ..)',
  });

export const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as en, sv, ar, fa-AF');

/** Positive whole numbers; any size parses, and the server's caps clamp them. */
const limitNumber = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const tolerance = z.number().nonnegative().max(1e6);

export const manifestCheckerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tokens') }).strict(),
  z.object({ type: z.literal('exact'), caseSensitive: z.boolean().default(true) }).strict(),
  z.object({ type: z.literal('case-insensitive') }).strict(),
  z
    .object({
      type: z.literal('float'),
      absolute: tolerance.default(1e-6),
      relative: tolerance.default(1e-6),
      caseSensitive: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      type: z.literal('custom'),
      source: relativePath,
      /** Extra arguments after the feedback folder (Kattis validator flags). */
      args: z.array(z.string().max(200)).max(50).optional(),
    })
    .strict(),
  /** A function-signature challenge's returned value against the expected one (the default there, and only there). */
  valueComparisonSchema.extend({ type: z.literal('value') }),
  z
    .object({
      /** The challenge is interactive: this program talks with the candidate's (docs/package-format.md). */
      type: z.literal('interactor'),
      source: relativePath,
      args: z.array(z.string().max(200)).max(50).optional(),
    })
    .strict(),
]);
export type ManifestChecker = z.infer<typeof manifestCheckerSchema>;

const idSchema = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lower-case letters, digits and dashes, at most 64');

/** The `kodbro.yaml` manifest. Strict: an unknown key is an error, never ignored. */
export const manifestSchema = z
  .object({
    format: z.literal('kodbro/1'),
    id: idSchema,
    title: z.record(localeSchema, z.string().min(1).max(200)).refine((t) => Object.keys(t).length > 0, {
      message: 'needs at least one title',
    }),
    languages: z.array(z.enum(LANGUAGE_IDS)).min(1).optional(),
    limits: z
      .object({ timeMs: limitNumber.optional(), memoryMb: limitNumber.optional(), outputKb: limitNumber.optional() })
      .strict()
      .optional(),
    checker: manifestCheckerSchema.optional(),
    /** The candidate writes this function, not a whole program (docs/package-format.md). */
    signature: functionSignatureSchema.optional(),
    groups: z
      .array(
        z
          .object({
            id: idSchema,
            points: z.number().nonnegative().max(1e6),
            /** This group compares differently from the package's checker. */
            checker: manifestCheckerSchema.optional(),
          })
          .strict(),
      )
      .min(1)
      .max(100)
      .refine((groups) => new Set(groups.map((g) => g.id)).size === groups.length, {
        message: 'group ids must be unique',
      })
      .optional(),
    solutions: z
      .array(z.object({ file: relativePath, expect: verdictSchema.exclude(['system_error']) }).strict())
      .max(200)
      .optional(),
    /** "Explain your solution": one or two questions per locale, asked after a candidate submits. */
    explain: z
      .record(localeSchema, z.array(z.string().trim().min(1).max(EXPLAIN_LIMITS.questionChars)).min(1).max(EXPLAIN_LIMITS.questions))
      .optional(),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

/** Renders zod issues as `path: message` lines for people. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    // A bad record key carries the key schema's own, clearer message inside.
    const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
    const where = issue.path.length ? issue.path.join('.') : '(manifest)';
    return `${where}: ${inner ? `${String(issue.path.at(-1))} ${inner}` : issue.message}`;
  });
}
