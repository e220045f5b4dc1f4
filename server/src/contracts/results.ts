import { z } from 'zod';
import { isoTimeSchema } from './api.ts';

/** A shared result's public id: 128 random bits, base64url (22 characters). */
export const resultIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'a result id is 22 base64url characters');

/**
 * What Kodbro signs: a finished attempt's result as recorded when the
 * candidate first shared it. Frozen then: a later change to the assessment's
 * title, or a rename of the organisation, never changes the signed bytes.
 * The signature covers `canonicalJson(document)` (canonical.ts).
 */
export const resultDocumentSchema = z.strictObject({
  kind: z.literal('kodbro-result'),
  version: z.literal(1),
  resultId: resultIdSchema,
  /** The server that issued it (its public URL): where its key is published. */
  issuer: z.string().max(2048),
  organisation: z.strictObject({ name: z.string().max(500) }),
  assessment: z.strictObject({ title: z.string().max(500) }),
  /** As recorded on the invite; null when the company invited without a name. */
  candidate: z.strictObject({ name: z.string().max(500).nullable() }),
  challenges: z.array(z.strictObject({ title: z.string().max(500), score: z.number().int().min(0), max: z.number().int().min(0) })).max(100),
  total: z.number().int().min(0),
  max: z.number().int().min(0),
  finishedAt: isoTimeSchema,
  issuedAt: isoTimeSchema,
});
export type ResultDocument = z.infer<typeof resultDocumentSchema>;

/** A revocation as the world sees it: when, and the company's reason if it gave one (never who). */
export const resultRevocationSchema = z.strictObject({ at: isoTimeSchema, reason: z.string().max(500).nullable() }).nullable();

/** The public read of a shared result, and the file a verifier downloads: verify `signature` over `canonicalJson(document)`. */
export const signedResultSchema = z.strictObject({
  document: resultDocumentSchema,
  /** Ed25519, base64url. */
  signature: z.string().max(200),
  /** The signing key's RFC 7638 thumbprint (base64url of SHA-256), as the published key names it. */
  keyId: z.string().max(100),
  revoked: resultRevocationSchema,
});
export type SignedResult = z.infer<typeof signedResultSchema>;

/** The public key results are verified with (`/.well-known/kodbro-results-key`): a JWK and the same key as PEM. */
export const resultsKeySchema = z.strictObject({
  keyId: z.string(),
  algorithm: z.literal('Ed25519'),
  jwk: z.strictObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string() }),
  pem: z.string(),
});
export type ResultsKey = z.infer<typeof resultsKeySchema>;

export const shareResultBodySchema = z.strictObject({ shareable: z.boolean() });
export type ShareResultBody = z.infer<typeof shareResultBodySchema>;

/** The candidate's view of their result's sharing: the link exists only while shared. */
export const resultShareSchema = z.strictObject({
  shareable: z.boolean(),
  resultId: resultIdSchema.nullable(),
  /** The verification page's address; null while not shared. */
  url: z.string().nullable(),
  revoked: resultRevocationSchema,
});
export type ResultShare = z.infer<typeof resultShareSchema>;

/** Revoke (default) or, with `revoked: false`, withdraw the revocation. */
export const revokeResultBodySchema = z.strictObject({
  revoked: z.boolean().optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type RevokeResultBody = z.infer<typeof revokeResultBodySchema>;

/** Staff's view of an attempt's shared result: whether the candidate shares it and whether the organisation revoked it. */
export const staffResultSchema = z.strictObject({
  resultId: resultIdSchema,
  shareable: z.boolean(),
  sharedAt: isoTimeSchema,
  revoked: z.strictObject({ at: isoTimeSchema, reason: z.string().nullable(), by: z.string() }).nullable(),
});
export type StaffResult = z.infer<typeof staffResultSchema>;

/** An attempt's shared result for staff; null when its candidate never shared one. */
export const staffResultStateSchema = z.strictObject({ result: staffResultSchema.nullable() });
export type StaffResultState = z.infer<typeof staffResultStateSchema>;
