import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type Envelope, readEnvelope, readSyncPayload } from './frame';
import { createHandshakeGate } from './handshake-gate';
import { authFrame, syncStep1Frame, varBytes, varString, varUint } from './testing/frames';

const envelope = (type: number, syncStep: number | null, documentName = 'workflow:a'): Envelope => ({
  documentName,
  type,
  syncStep,
  bodyOffset: 0,
});
const frame = (tag: number) => new Uint8Array([tag]);

/** A real frame's envelope, as upgrade.ts reads it. */
function envelopeOf(bytes: Uint8Array): Envelope {
  const result = readEnvelope(bytes);
  if (result.ok !== true) throw new Error('test frame does not parse');
  return result.envelope;
}

function syncStep1With(documentName: string, stateVector: Uint8Array): Uint8Array {
  return new Uint8Array([...varString(documentName), ...varUint(0), ...varUint(0), ...varBytes(stateVector)]);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the handshake gate', () => {
  it('holds updates until the SyncStep2, then passes them on after it, in order', () => {
    const forwarded: number[] = [];
    const gate = createHandshakeGate((bytes) => forwarded.push(bytes[0] ?? -1), {
      maxHeldBytes: 100,
      timeoutMs: 1_000,
    });
    gate.pass(envelope(2, null), frame(1)); // auth
    gate.pass(envelope(0, 0), frame(2)); // SyncStep1, held until the connection is established
    gate.pass(envelope(0, 2), frame(3)); // stale update
    gate.pass(envelope(1, null), frame(4)); // awareness
    gate.pass(envelope(0, 2), frame(5)); // stale update
    gate.pass(envelope(0, 2, 'workflow:b'), frame(9)); // another document's, held on its own
    expect(forwarded).toEqual([1, 4]);
    gate.established('workflow:a');
    expect(forwarded).toEqual([1, 4, 2]);
    gate.pass(envelope(0, 1), frame(6)); // the handshake SyncStep2
    gate.pass(envelope(0, 2), frame(7)); // a new edit
    expect(forwarded).toEqual([1, 4, 2, 6, 3, 5, 7]);
    gate.dispose();
  });

  it('passes held updates on after the timeout, and drops them past the byte cap', () => {
    vi.useFakeTimers();
    const forwarded: number[] = [];
    const gate = createHandshakeGate((bytes) => forwarded.push(bytes[0] ?? -1), {
      maxHeldBytes: 2,
      timeoutMs: 100,
    });
    gate.pass(envelope(0, 2), frame(1));
    gate.pass(envelope(0, 2), frame(2));
    gate.pass(envelope(0, 2), frame(3));
    vi.advanceTimersByTime(100);
    expect(forwarded).toEqual([1, 2]);
    gate.dispose();
  });

  it('starts over when the document authenticates again', () => {
    const forwarded: number[] = [];
    const gate = createHandshakeGate((bytes) => forwarded.push(bytes[0] ?? -1), {
      maxHeldBytes: 100,
      timeoutMs: 1_000,
    });
    gate.pass(envelope(0, 1), frame(1));
    gate.pass(envelope(0, 2), frame(2));
    gate.pass(envelope(2, null), frame(3));
    gate.pass(envelope(0, 2), frame(4));
    expect(forwarded).toEqual([1, 2, 3]);
    gate.dispose();
  });

  it('passes a SyncStep1 straight on once the connection is established, until it closes', () => {
    const forwarded: number[] = [];
    const gate = createHandshakeGate((bytes) => forwarded.push(bytes[0] ?? -1), {
      maxHeldBytes: 100,
      timeoutMs: 1_000,
    });
    gate.pass(envelope(2, null), frame(1));
    gate.established('workflow:a');
    gate.pass(envelope(0, 0), frame(2)); // a provider's forced re-sync
    gate.pass(envelope(2, null), frame(3)); // a token refresh on the live connection changes nothing
    gate.pass(envelope(0, 0), frame(4));
    expect(forwarded).toEqual([1, 2, 3, 4]);
    gate.closed('workflow:a');
    gate.pass(envelope(2, null), frame(5)); // a new connection for the address
    gate.pass(envelope(0, 0), frame(6));
    expect(forwarded).toEqual([1, 2, 3, 4, 5]);
    gate.established('workflow:a');
    expect(forwarded).toEqual([1, 2, 3, 4, 5, 6]);
    gate.dispose();
  });

  it('passes a held SyncStep1 on after the timeout if the connection never comes', () => {
    vi.useFakeTimers();
    const forwarded: number[] = [];
    const gate = createHandshakeGate((bytes) => forwarded.push(bytes[0] ?? -1), {
      maxHeldBytes: 100,
      timeoutMs: 100,
    });
    gate.pass(envelope(2, null), frame(1));
    gate.pass(envelope(0, 0), frame(2));
    vi.advanceTimersByTime(99);
    expect(forwarded).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(forwarded).toEqual([1, 2]);
    gate.dispose();
  });
});

describe('first syncs answered by the loader', () => {
  const name = 'workflow:a';

  it('offers a new client’s SyncStep1, and passes it on saying what the loader sent', () => {
    const forwarded: Uint8Array[] = [];
    const gate = createHandshakeGate((bytes) => forwarded.push(bytes), {
      maxHeldBytes: 100,
      timeoutMs: 1_000,
    });
    gate.pass(envelopeOf(authFrame(name, 't')), authFrame(name, 't'));
    gate.pass(envelopeOf(syncStep1Frame(name)), syncStep1Frame(name));
    expect(gate.pendingFirstSync(name)).toEqual({ address: name, emptyStateVector: true });
    expect(gate.pendingFirstSync('workflow:b')).toBeNull();

    const doc = new Y.Doc();
    doc.getMap('nodes').set('n', 1);
    const stateVector = Y.encodeStateVector(doc);
    gate.served(name, stateVector);
    // Answered once: a second load (there is none) would not be offered it again.
    expect(gate.pendingFirstSync(name)).toBeNull();
    gate.established(name);

    const passed = forwarded.at(-1) as Uint8Array;
    const passedEnvelope = envelopeOf(passed);
    expect(passedEnvelope).toMatchObject({ documentName: name, type: 0, syncStep: 0 });
    expect(readSyncPayload(passed, passedEnvelope)).toEqual(stateVector);
    gate.dispose();
  });

  it('says a client that already holds content is not new, and passes its SyncStep1 on unchanged', () => {
    const forwarded: Uint8Array[] = [];
    const gate = createHandshakeGate((bytes) => forwarded.push(bytes), {
      maxHeldBytes: 100,
      timeoutMs: 1_000,
    });
    const offline = new Y.Doc();
    offline.getMap('nodes').set('mine', 1);
    const step1 = syncStep1With(name, Y.encodeStateVector(offline));
    gate.pass(envelopeOf(authFrame(name, 't')), authFrame(name, 't'));
    gate.pass(envelopeOf(step1), step1);
    expect(gate.pendingFirstSync(name)).toEqual({ address: name, emptyStateVector: false });
    gate.established(name);
    expect(forwarded.at(-1)).toBe(step1);
    gate.dispose();
  });

  it('offers nothing when two providers of one document share the socket', () => {
    const gate = createHandshakeGate(() => {}, { maxHeldBytes: 100, timeoutMs: 1_000 });
    for (const address of [`${name}\0s1`, `${name}\0s2`]) {
      gate.pass(envelopeOf(authFrame(address, 't')), authFrame(address, 't'));
      gate.pass(envelopeOf(syncStep1Frame(address)), syncStep1Frame(address));
    }
    expect(gate.pendingFirstSync(name)).toBeNull();
    gate.dispose();
  });

  it('finds a session-aware provider’s address by its document name', () => {
    const gate = createHandshakeGate(() => {}, { maxHeldBytes: 100, timeoutMs: 1_000 });
    const address = `${name}\0s1`;
    gate.pass(envelopeOf(authFrame(address, 't')), authFrame(address, 't'));
    gate.pass(envelopeOf(syncStep1Frame(address)), syncStep1Frame(address));
    expect(gate.pendingFirstSync(name)).toEqual({ address, emptyStateVector: true });
    gate.dispose();
  });
});
