import type { StaffRoles } from '../store/index.ts';

export type StaffRole = keyof StaffRoles;

/**
 * Who may do what, as data: each HTTP route names one of these lists in its
 * `roles`, and the sockets use the same lists, so a rule is written once.
 * Reads: authors see challenges, assessments and invites; recruiters see
 * assessments, invites (with their short codes) and attempts; the admin sees
 * everything.
 * A staff user with no role sees nothing but their own session.
 */
export const ROLES_FOR = {
  readChallenges: ['author', 'admin'],
  publishChallenges: ['author'],
  readAssessments: ['author', 'recruiter', 'admin'],
  writeAssessments: ['author'],
  // Whoever may invite may see the invites (with their codes); nobody without a role.
  readInvites: ['recruiter', 'author', 'admin'],
  writeInvites: ['recruiter', 'author', 'admin'],
  /** Attempts, and the live `attempt:changed` events of an assessment a socket watches. */
  readAttempts: ['recruiter', 'admin'],
  manageStaff: ['admin'],
  /** Revoking a result a candidate shares: the people who read the organisation's results decide whether it still stands. */
  revokeResults: ['recruiter', 'admin'],
  /** Statement images of the organisation's versions: authors preview them, recruiters read what candidates read. */
  readStatementFiles: ['author', 'recruiter', 'admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

/** Whether any one of `allowed` is among the user's roles. */
export function holdsAnyRole(roles: StaffRoles, allowed: readonly StaffRole[]): boolean {
  return allowed.some((role) => roles[role]);
}
