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

/**
 * `syncStep` is set for Sync/SyncReply messages: 0 SyncStep1, 1 SyncStep2, 2 Update; `bodyOffset` is where
 * what follows the envelope starts (a sync message's varUint8Array payload).
 */
export type Envelope = { documentName: string; type: number; syncStep: number | null; bodyOffset: number };
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
  return { ok: true, envelope: { documentName, type, syncStep, bodyOffset: cursor.pos } };
}

/** The varUint8Array payload of a sync message (a SyncStep1's state vector), or null when it is cut short. */
export function readSyncPayload(bytes: Uint8Array, envelope: Envelope): Uint8Array | null {
  const cursor: Cursor = { bytes, pos: envelope.bodyOffset };
  const length = readVarUint(cursor);
  if (length === null || cursor.pos + length > bytes.length) return null;
  return bytes.subarray(cursor.pos, cursor.pos + length);
}

function writeVarUint(out: number[], value: number): void {
  let rest = value;
  while (rest > 0x7f) {
    out.push(0x80 | (rest & 0x7f));
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

const utf8Encoder = new TextEncoder();

/** A sync message as Hocuspocus frames it: address, message type, sync step, payload (lib0 encoding). */
export function encodeSyncFrame(
  address: string,
  type: number,
  syncStep: number,
  payload: Uint8Array,
): Uint8Array {
  const name = utf8Encoder.encode(address);
  const head: number[] = [];
  writeVarUint(head, name.length);
  const afterName: number[] = [];
  writeVarUint(afterName, type);
  writeVarUint(afterName, syncStep);
  writeVarUint(afterName, payload.length);
  const frame = new Uint8Array(head.length + name.length + afterName.length + payload.length);
  frame.set(head, 0);
  frame.set(name, head.length);
  frame.set(afterName, head.length + name.length);
  frame.set(payload, head.length + name.length + afterName.length);
  return frame;
}
