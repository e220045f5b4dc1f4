import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Attempt, Invite, Session, StaffUser, Store } from '../store/index.ts';

/** Separate cookies, so signing in as staff on a shared device never touches a candidate's attempt. */
export const STAFF_COOKIE = 'kodbro_staff';
export const CANDIDATE_COOKIE = 'kodbro_candidate';
export const CSRF_HEADER = 'x-csrf-token';

export interface NewSessionSecret {
  /** Goes into the cookie; never stored. */
  id: string;
  idHash: string;
  csrfToken: string;
}

export function newSessionSecret(): NewSessionSecret {
  const id = randomBytes(32).toString('base64url');
  return { id, idHash: hashSessionId(id), csrfToken: randomBytes(24).toString('base64url') };
}

/** A colleague's one-time welcome token (goes into the link) and the hash the store keeps. */
export function newWelcomeToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionId(token) };
}

/** SHA-256 hex of a session id or a welcome token: what the store keeps instead of the secret. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

export interface StaffIdentity {
  session: Extract<Session, { kind: 'staff' }>;
  user: StaffUser;
}

export interface CandidateIdentity {
  session: Extract<Session, { kind: 'candidate' }>;
  invite: Invite;
  /** Undefined until the candidate presses Start. */
  attempt: Attempt | undefined;
}

/** The staff user behind a cookie value, if the session is alive and the user still exists. */
export async function resolveStaff(store: Store, cookie: string | undefined): Promise<StaffIdentity | undefined> {
  if (!cookie || cookie.length > 100) return undefined;
  const session = await store.findSession(hashSessionId(cookie));
  if (session?.kind !== 'staff') return undefined;
  const user = await store.getStaffUser(session.orgId, session.userId);
  return user && { session, user };
}

/**
 * The invite (and attempt) behind a candidate cookie. A revoked invite ends
 * the session's access at once.
 */
export async function resolveCandidate(store: Store, cookie: string | undefined): Promise<CandidateIdentity | undefined> {
  if (!cookie || cookie.length > 100) return undefined;
  const session = await store.findSession(hashSessionId(cookie));
  if (session?.kind !== 'candidate') return undefined;
  const invite = await store.getInvite(session.orgId, session.inviteId);
  if (!invite || invite.revokedAt) return undefined;
  const attempt = invite.attemptId ? await store.getAttempt({ attemptId: invite.attemptId }) : undefined;
  return { session, invite, attempt };
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(session: Session, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header, 'utf8');
  const expected = Buffer.from(session.csrfToken, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
