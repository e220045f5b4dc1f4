/**
 * The candidate's way in, as a link: the client's `/invite/:token` route.
 * Every place that prints or returns an invite link builds it here.
 */
export function inviteLink(publicUrl: string, token: string): string {
  return `${publicUrl}/invite/${encodeURIComponent(token)}`;
}

/** A colleague's one-time welcome (set-password) link: the client's `/staff/welcome/:token` route. */
export function staffWelcomeLink(publicUrl: string, token: string): string {
  return `${publicUrl}/staff/welcome/${encodeURIComponent(token)}`;
}
