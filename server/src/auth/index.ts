/**
 * Who is asking: staff by e-mail and password (Argon2id) and a session
 * cookie; candidates by an invite's token or short code and a session cookie
 * bound to that one invite. Writes made with a cookie carry the session's
 * CSRF token in a header.
 */
export { inviteLink, staffWelcomeLink } from './links.ts';
export { originPolicy, isLoopbackName, type OriginPolicy } from './origin.ts';
export { ROLES_FOR, holdsAnyRole, type StaffRole } from './roles.ts';
export { hashPassword, verifyPassword, decoyHash } from './passwords.ts';
export {
  STAFF_COOKIE,
  CANDIDATE_COOKIE,
  CSRF_HEADER,
  newSessionSecret,
  hashSessionId,
  newWelcomeToken,
  resolveStaff,
  resolveCandidate,
  csrfMatches,
  type StaffIdentity,
  type CandidateIdentity,
} from './sessions.ts';
