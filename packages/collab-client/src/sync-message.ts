/** Hocuspocus' Sync message type, and y-protocols' SyncStep2 and Update (both carry a v1 update). */
const SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

type Reader = { bytes: Uint8Array; at: number };

function readVarUint(reader: Reader): number {
  let value = 0;
  let multiplier = 1;
  for (;;) {
    const byte = reader.bytes[reader.at++];
    if (byte === undefined) throw new RangeError('message ended inside a number');
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return value;
    multiplier *= 128;
    if (multiplier > 2 ** 53) throw new RangeError('number too large');
  }
}

function readBytes(reader: Reader): Uint8Array {
  const length = readVarUint(reader);
  const end = reader.at + length;
  if (end > reader.bytes.length) throw new RangeError('message ended inside a byte string');
  const bytes = reader.bytes.subarray(reader.at, end);
  reader.at = end;
  return bytes;
}

/**
 * The Yjs update a server frame carries (`[document][Sync][SyncStep2 | Update][update]`), or null for any
 * other frame, or one this cannot read (the provider then handles it the usual way).
 */
export function serverUpdateOf(data: unknown): Uint8Array | null {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : null;
  if (bytes === null) return null;
  try {
    const reader: Reader = { bytes, at: 0 };
    readBytes(reader);
    if (readVarUint(reader) !== SYNC) return null;
    const step = readVarUint(reader);
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE) return null;
    return readBytes(reader);
  } catch {
    return null;
  }
}
