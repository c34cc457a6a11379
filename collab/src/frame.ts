/**
 * Reads the envelope of an incoming Hocuspocus frame (lib0 encoding: varString document name, varUint
 * message type, for sync messages a varUint sync step) without trusting it, so malformed frames are
 * refused before Hocuspocus, which would close them with a misleading 4401, sees them.
 */

/** Hocuspocus message types a client may send (server-internal BroadcastStateless = 6 is not one). */
const CLIENT_MESSAGE_TYPES = new Set([
  0, // Sync
  1, // Awareness
  2, // Auth
  3, // QueryAwareness
  4, // SyncReply
  5, // Stateless
  7, // Close
]);
const SYNC_TYPES = new Set([0, 4]);
/** y-protocols sync steps: SyncStep1, SyncStep2, Update. */
const SYNC_STEPS = new Set([0, 1, 2]);
/** A bare Pong (a lone type byte, no document name); providers answer pings with it. */
const PONG = 10;
const MAX_NAME_BYTES = 256;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `syncStep` is set for Sync/SyncReply messages: 0 SyncStep1, 1 SyncStep2, 2 Update. */
export type Envelope = { documentName: string; type: number; syncStep: number | null };
export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false } | { ok: 'ignore' };

type Cursor = { bytes: Uint8Array; pos: number };

function readVarUint(cursor: Cursor): number | null {
  let value = 0;
  let multiplier = 1;
  for (let i = 0; i < 8; i++) {
    const byte = cursor.bytes[cursor.pos];
    if (byte === undefined) return null;
    cursor.pos++;
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return value;
    multiplier *= 128;
  }
  return null;
}

export function readEnvelope(bytes: Uint8Array): EnvelopeResult {
  if (bytes.length === 1 && bytes[0] === PONG) return { ok: 'ignore' };
  const cursor: Cursor = { bytes, pos: 0 };
  const nameLength = readVarUint(cursor);
  if (nameLength === null || nameLength === 0 || nameLength > MAX_NAME_BYTES) return { ok: false };
  if (cursor.pos + nameLength > bytes.length) return { ok: false };
  let documentName: string;
  try {
    documentName = utf8.decode(bytes.subarray(cursor.pos, cursor.pos + nameLength));
  } catch {
    return { ok: false };
  }
  cursor.pos += nameLength;
  const type = readVarUint(cursor);
  if (type === null || !CLIENT_MESSAGE_TYPES.has(type)) return { ok: false };
  let syncStep: number | null = null;
  if (SYNC_TYPES.has(type)) {
    syncStep = readVarUint(cursor);
    if (syncStep === null || !SYNC_STEPS.has(syncStep)) return { ok: false };
  }
  return { ok: true, envelope: { documentName, type, syncStep } };
}
