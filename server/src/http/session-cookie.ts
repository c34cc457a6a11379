import { SESSION_COOKIE_NAME } from '@tandem/api';

/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site
 * subrequests or POSTs), Path=/, Secure when the app is served over https. Max-Age follows the
 * session's inactivity expiry and is re-sent whenever the session is renewed.
 */
export function sessionCookie(
  token: string,
  options: { expiresAt: Date; now: Date; secure: boolean },
): string {
  const maxAge = Math.max(0, Math.floor((options.expiresAt.getTime() - options.now.getTime()) / 1000));
  return serialise(token, maxAge, options.secure);
}

/** Tells the browser to drop the session cookie. */
export function clearedSessionCookie(options: { secure: boolean }): string {
  return serialise('', 0, options.secure);
}

function serialise(value: string, maxAge: number, secure: boolean): string {
  // Tokens are base32 and "."; anything else would need encoding and is never produced.
  if (!/^[a-z2-7.]*$/.test(value)) throw new Error('session token has characters a cookie cannot carry');
  return `${SESSION_COOKIE_NAME}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
