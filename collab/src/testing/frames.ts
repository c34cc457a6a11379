import WebSocket from 'ws';

/** lib0-style encoding, enough to hand-craft Hocuspocus frames in tests. */
export function varUint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  bytes.push(rest);
  return bytes;
}

export function varString(value: string): number[] {
  const encoded = [...new TextEncoder().encode(value)];
  return [...varUint(encoded.length), ...encoded];
}

export function varBytes(value: Uint8Array): number[] {
  return [...varUint(value.length), ...value];
}

/** An Auth/Token frame for `documentName`. */
export function authFrame(documentName: string, token: string): Uint8Array {
  return new Uint8Array([...varString(documentName), ...varUint(2), ...varUint(0), ...varString(token)]);
}

/** A Sync/Update frame carrying `update`. */
export function updateFrame(documentName: string, update: Uint8Array): Uint8Array {
  return new Uint8Array([...varString(documentName), ...varUint(0), ...varUint(2), ...varBytes(update)]);
}

/** A Sync/Step1 frame with an empty state vector. */
export function syncStep1Frame(documentName: string): Uint8Array {
  return new Uint8Array([
    ...varString(documentName),
    ...varUint(0),
    ...varUint(0),
    ...varBytes(new Uint8Array([0])),
  ]);
}

export type RawSocket = {
  ws: WebSocket;
  received: Uint8Array[];
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<void>;
  /** HTTP status when the upgrade was refused. */
  refused: Promise<number | null>;
};

/** A bare `ws` client, for frames no provider would send. */
export function rawSocket(url: string, headers: Record<string, string> = {}): RawSocket {
  const ws = new WebSocket(url, { headers });
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve) => ws.on('open', () => resolve()));
  const refused = new Promise<number | null>((resolve) => {
    ws.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? null));
    ws.on('open', () => resolve(null));
  });
  return { ws, received, closed, opened, refused };
}
