let lastRetryAfterSeconds: number | null = null;

/** Notes the `Retry-After` of the latest refused (429) answer. */
export function rememberRetryAfter(header: string | null): void {
  const seconds = header === null ? Number.NaN : Number(header);
  lastRetryAfterSeconds = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

/** Seconds the server asked us to wait after the latest 429, or null. */
export function latestRetryAfter(): number | null {
  return lastRetryAfterSeconds;
}
