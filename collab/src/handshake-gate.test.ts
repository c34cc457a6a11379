import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from './frame';
import { createHandshakeGate } from './handshake-gate';

const envelope = (type: number, syncStep: number | null, documentName = 'workflow:a'): Envelope => ({
  documentName,
  type,
  syncStep,
});
const frame = (tag: number) => new Uint8Array([tag]);

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
    gate.pass(envelope(0, 0), frame(2)); // SyncStep1
    gate.pass(envelope(0, 2), frame(3)); // stale update
    gate.pass(envelope(1, null), frame(4)); // awareness
    gate.pass(envelope(0, 2), frame(5)); // stale update
    gate.pass(envelope(0, 2, 'workflow:b'), frame(9)); // another document's, held on its own
    expect(forwarded).toEqual([1, 2, 4]);
    gate.pass(envelope(0, 1), frame(6)); // the handshake SyncStep2
    gate.pass(envelope(0, 2), frame(7)); // a new edit
    expect(forwarded).toEqual([1, 2, 4, 6, 3, 5, 7]);
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
});
