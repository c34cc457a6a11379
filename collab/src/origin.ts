/**
 * Browsers send cookies on cross-site WebSocket upgrades, so a socket authenticated by the session cookie
 * must come from an allowed page. Without `allowed`, that is a page on the request's own host.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[] | undefined,
): boolean {
  // No Origin header: not a browser, so no ambient cookie is riding along.
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (allowed !== undefined) return allowed.some((entry) => normaliseOrigin(entry) === parsed.origin);
  return host !== undefined && parsed.host === host.toLowerCase();
}

function normaliseOrigin(entry: string): string | null {
  try {
    return new URL(entry).origin;
  } catch {
    return null;
  }
}

/** The value of one cookie from a `Cookie` header, or null. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}
