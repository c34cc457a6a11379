import type { ConnectionState } from './connection-state';

const LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  closed: 'Disconnected',
};

/** A dot and a word for the connection; the title explains what happens to edits meanwhile. */
export function ConnectionStatus({ state, unsynced }: { state: ConnectionState; unsynced: number }) {
  const detail =
    state === 'connected'
      ? unsynced > 0
        ? `Saving ${unsynced} change${unsynced === 1 ? '' : 's'}…`
        : 'All changes saved. Everyone here sees edits as they happen.'
      : state === 'closed'
        ? 'The server closed this workflow for you; see the message on the canvas.'
        : state === 'offline' || state === 'reconnecting'
          ? 'Keep working: edits are kept in this browser and merged when the connection is back.'
          : 'Connecting to the collaboration server…';
  return (
    <span className={`conn conn--${state}`} role="status" title={detail} data-testid="connection-status">
      <span className="conn__dot" aria-hidden="true" />
      {LABEL[state]}
      {state === 'connected' && unsynced > 0 && <span className="conn__pending">saving</span>}
    </span>
  );
}
