/** Invites in bulk: reading a CSV of candidates (pure; the routes and the store do the rest). */
export { parseInviteCsv, type ParsedInviteCsv, type ParsedInviteRow } from './csv.ts';
export { importKey } from './import-key.ts';
