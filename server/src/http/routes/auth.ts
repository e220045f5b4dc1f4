import type { Response } from 'express';
import { z } from 'zod';
import { decoyHash, hashPassword, hashSessionId, newSessionSecret, STAFF_COOKIE, verifyPassword, type StaffIdentity } from '../../auth/index.ts';
import { loginBodySchema, okSchema, staffSessionSchema, welcomeBodySchema, welcomeDoneSchema, type OrganisationChoice, type StaffSession } from '../../contracts/index.ts';
import type { StaffCredentials, Store } from '../../store/index.ts';
import { toStaffUserView } from '../../views/index.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { loginLimiter } from '../limiters.ts';
import { route } from '../route.ts';

export function setSessionCookie(res: Response, deps: AppDeps, name: string, value: string): void {
  res.cookie(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    path: '/',
    maxAge: deps.config.sessionMs,
  });
}

export function clearSessionCookie(res: Response, deps: AppDeps, name: string): void {
  res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies, path: '/' });
}

async function staffSession(store: Store, identity: Pick<StaffIdentity, 'user'>, csrfToken: string): Promise<StaffSession> {
  const organisation = await store.getOrganisation(identity.user.orgId);
  if (!organisation) throw new ApiError('unauthenticated', 'Your organisation no longer exists');
  return { user: toStaffUserView(identity.user), organisation: { id: organisation.id, name: organisation.name, slug: organisation.slug }, csrfToken };
}

/**
 * Accounts one e-mail address may have across organisations that sign-in
 * looks at without an `organisation` (each costs one Argon2 verification).
 */
const MAX_ACCOUNTS_PER_EMAIL = 5;

/**
 * The accounts this password opens. Every account is verified (in parallel),
 * and an unknown address verifies against the decoy hash, so the answer takes
 * as long whether or not the address has an account.
 */
async function accountsOpenedBy(accounts: StaffCredentials[], password: string): Promise<StaffCredentials[]> {
  if (accounts.length === 0) {
    await verifyPassword(await decoyHash(), password);
    return [];
  }
  const matches = await Promise.all(accounts.map((account) => verifyPassword(account.passwordHash, password)));
  return accounts.filter((_, index) => matches[index]);
}

/** 409: the password opens accounts in several organisations; only those are named. */
async function organisationRequired(store: Store, opened: StaffCredentials[]): Promise<ApiError> {
  const organisations = (await Promise.all(opened.map((account) => store.getOrganisation(account.orgId)))).filter((org) => org !== undefined);
  const details: OrganisationChoice = { organisations: organisations.map((org) => ({ name: org.name, slug: org.slug })) };
  return new ApiError('organisation_required', 'This e-mail address and password open accounts in several organisations: choose one', details);
}

export const authRoutes = [
  route({
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign a staff user in; sets the session cookie',
    tag: 'auth',
    access: 'public',
    body: loginBodySchema,
    status: 200,
    response: staffSessionSchema,
    before: (deps) => loginLimiter(deps.store, deps.config.loginLimit, 'login:'),
    async handler({ deps, body, res, log }) {
      const accounts = await deps.store.findStaffForSignIn(body.email, {
        limit: MAX_ACCOUNTS_PER_EMAIL,
        ...(body.organisation !== undefined ? { organisationSlug: body.organisation } : {}),
      });
      const opened = await accountsOpenedBy(accounts, body.password);
      const [account] = opened;
      if (!account) {
        log.info({ event: 'login_failed' }, 'staff sign-in refused');
        throw new ApiError('unauthenticated', 'The e-mail address or the password is wrong');
      }
      if (opened.length > 1) throw await organisationRequired(deps.store, opened);
      const secret = newSessionSecret();
      await deps.store.createSession({
        kind: 'staff',
        idHash: secret.idHash,
        orgId: account.orgId,
        userId: account.id,
        csrfToken: secret.csrfToken,
        expiresAt: new Date(deps.clock().getTime() + deps.config.sessionMs),
      });
      setSessionCookie(res, deps, STAFF_COOKIE, secret.id);
      log.info({ event: 'login', userId: account.id }, 'staff signed in');
      return staffSession(deps.store, { user: account }, secret.csrfToken);
    },
  }),
  route({
    method: 'get',
    path: '/api/auth/session',
    summary: 'The signed-in staff user, their organisation and the CSRF token',
    tag: 'auth',
    access: 'staff',
    status: 200,
    response: staffSessionSchema,
    async handler({ deps, staff }) {
      return staffSession(deps.store, staff, staff.session.csrfToken);
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Ends the staff session',
    tag: 'auth',
    access: 'staff',
    body: z.strictObject({}).optional(),
    status: 200,
    response: okSchema,
    async handler({ deps, staff, res }) {
      await deps.store.deleteSession(staff.session.idHash);
      deps.live.sessionEnded(staff.session.idHash);
      clearSessionCookie(res, deps, STAFF_COOKIE);
      return { ok: true as const };
    },
  }),
  route({
    method: 'post',
    path: '/api/auth/welcome',
    summary: "A colleague sets their password with the admin's one-time welcome link, then signs in as usual",
    tag: 'auth',
    access: 'public',
    body: welcomeBodySchema,
    status: 200,
    response: welcomeDoneSchema,
    // The token is 256 bits and unguessable; the limit keeps guessing (and Argon2 work) bounded all the same.
    before: (deps) => loginLimiter(deps.store, deps.config.loginLimit, 'welcome:'),
    async handler({ deps, body, log }) {
      const dead = () => new ApiError('not_found', 'This welcome link does not work: it was used already, has expired, or was withdrawn. Ask your admin for a new one.');
      const tokenHash = hashSessionId(body.token);
      if (!(await deps.store.staffWelcomeIsOpen(tokenHash))) throw dead();
      // Checked again when redeemed: the link may have been used while the password was hashed.
      const redeemed = await deps.store.redeemStaffWelcome(tokenHash, await hashPassword(body.password));
      if (!redeemed.ok) throw dead();
      const organisation = await deps.store.getOrganisation(redeemed.value.orgId);
      log.info({ event: 'staff_welcome', userId: redeemed.value.id }, 'colleague set a password');
      return { email: redeemed.value.email, organisation: organisation?.slug ?? '' };
    },
  }),
];
