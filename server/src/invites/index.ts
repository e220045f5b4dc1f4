/** Invites in bulk: reading a CSV of candidates (pure; the routes and the store do the rest). */
export { parseInviteCsv, type ParsedInviteRow } from './csv.ts';
