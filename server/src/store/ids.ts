/**
 * The two scopes every store query is bound to. They are branded strings:
 * a plain string (a URL parameter, a request body field) is not an `OrgId`
 * or an `AttemptId`, so the compiler refuses a call that passes one where a
 * scope belongs. Scopes come from the store itself — a signed-in staff
 * user's `orgId`, an invite's `attemptId` — never from what a client sent.
 *
 * @example
 * const user = await store.getStaffUser(session.orgId, session.userId);
 * await store.getAssessment(user.orgId, req.params.id); // id: plain string
 */
declare const orgBrand: unique symbol;
declare const attemptBrand: unique symbol;

export type OrgId = string & { readonly [orgBrand]: true };
export type AttemptId = string & { readonly [attemptBrand]: true };

/**
 * Marks a string as an organisation scope. For values that already came out
 * of the store (a session that stored `user.orgId`); never for client input.
 */
export const asOrgId = (id: string): OrgId => id as OrgId;

/**
 * Marks a string as an attempt scope. For values that already came out of
 * the store (a candidate session that stored `attempt.id`); never for client input.
 */
export const asAttemptId = (id: string): AttemptId => id as AttemptId;

/**
 * How candidate data is read. A candidate reads only their own attempt; a
 * staff user reads any attempt of their organisation. Both forms put the
 * scope in the query's WHERE clause.
 */
export type AttemptScope =
  | { readonly attemptId: AttemptId; readonly orgId?: undefined }
  | { readonly orgId: OrgId; readonly attemptId: string };
