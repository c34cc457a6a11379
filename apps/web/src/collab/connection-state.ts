export type SocketStatus = 'connecting' | 'connected' | 'disconnected';

/** What the status indicator shows. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/**
 * `closed` after a refusal retrying cannot fix; `connected` only once the document is in sync; before the first connection `connecting`; after losing it
 * `reconnecting` while the browser believes it is online, `offline` when it knows it is not.
 */
export function connectionState(input: {
  socket: SocketStatus;
  synced: boolean;
  everSynced: boolean;
  online: boolean;
  /** The server refused for good (no access, too old): nothing will reconnect. */
  stopped?: boolean;
}): ConnectionState {
  if (input.stopped) return 'closed';
  if (!input.online) return 'offline';
  if (input.socket === 'connected' && input.synced) return 'connected';
  return input.everSynced ? 'reconnecting' : 'connecting';
}
