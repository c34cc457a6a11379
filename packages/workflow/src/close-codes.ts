/**
 * Every way the collab server refuses or ends a connection, as a slug and a WebSocket close code. The
 * server maps its refusals through this table (collab's `CollabError`), the web app maps a close or a
 * permission-denied message back to the slug to explain it.
 *
 * A refusal reaches the client in one of two shapes:
 * - a whole socket is closed with `code` and the slug as close reason (bad frames, rate limits, a failed
 *   pre-auth deadline, a revoked session, shutdown);
 * - one document on a multiplexed socket is refused with Hocuspocus' permission-denied message, which
 *   carries only a string: the slug (the provider's `authenticationFailed` event gets `{ reason: slug }`).
 * Either way {@link closeReasonFor} maps it back.
 */
export const CLOSE_CODES = {
  /** Shutdown or restart: reconnect. */
  'going-away': 1001,
  /** A frame over the size limit. ws enforces `maxPayload` while reading the frame header and closes with the standard 1009 before we see a byte, so this one keeps the RFC 6455 code. */
  'frame-too-large': 1009,
  /** Not a Hocuspocus frame: text frame, truncated header, unknown message type, undecodable Yjs update. */
  'malformed-message': 4400,
  /** No session, an invalid or expired one, or no authentication before the deadline. */
  unauthorized: 4401,
  /** A session that is not (or no longer) a member of the workflow, or a write it may not make. */
  forbidden: 4403,
  /** A document name Tandem does not serve (`parseDocumentName` said no). */
  'unknown-document': 4404,
  /** The client's `schemaVersion` is older than this server's: it must reload. */
  'client-too-old': 4409,
  /** The stored document, or the client, is from a newer Tandem than this server. */
  'server-too-old': 4426,
  /** Too many messages, bytes, refused attempts or documents on one socket. */
  'rate-limited': 4429,
  /** The database failed (load or append): nothing was acknowledged; retry later. */
  unavailable: 4503,
} as const;

export type CloseReason = keyof typeof CLOSE_CODES;

/** The close code of a refusal. */
export function closeCodeFor(reason: CloseReason): number {
  return CLOSE_CODES[reason];
}

/** Whether a string (a close reason, a permission-denied message) is one of the slugs. */
export function isCloseReason(value: string): value is CloseReason {
  return Object.hasOwn(CLOSE_CODES, value);
}

/**
 * The refusal behind a close: the close reason when it is a slug, else the slug of the code; null for a
 * close that is not a refusal (1000, 1005, 1006, …).
 */
export function closeReasonFor(code: number, reason = ''): CloseReason | null {
  if (isCloseReason(reason)) return reason;
  for (const [slug, slugCode] of Object.entries(CLOSE_CODES)) {
    if (slugCode === code && isCloseReason(slug)) return slug;
  }
  return null;
}
