/**
 * The candidate's way in, as a link: the client's `/invite/:token` route.
 * Every place that prints or returns an invite link builds it here.
 */
export function inviteLink(publicUrl: string, token: string): string {
  return `${publicUrl}/invite/${encodeURIComponent(token)}`;
}

/**
 * Whether a browser's Origin header names the site it was sent to. Browsers
 * send Origin on cross-site writes and WebSocket handshakes; a missing header
 * (a non-browser client) passes, since the CSRF token is the main defence.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
