import { HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { CURRENT_SCHEMA_VERSION } from '@tandem/workflow';

/** `ws(s)://<this origin>/collab?schemaVersion=N`: the server refuses an older client with 4409. */
export function collabUrl(origin: string = window.location.origin): string {
  return `${origin.replace(/^http/, 'ws')}/collab?schemaVersion=${CURRENT_SCHEMA_VERSION}`;
}

let shared: HocuspocusProviderWebsocket | null = null;
let users = 0;
let closeTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * The tab's one WebSocket, shared by every document open in it (graph, comments, runs). Ref-counted: the
 * last release closes it after a moment, so a remount (StrictMode, switching workflows) reuses it.
 */
export function acquireCollabSocket(): HocuspocusProviderWebsocket {
  if (closeTimer) {
    clearTimeout(closeTimer);
    closeTimer = null;
  }
  users += 1;
  // A socket stopped after a terminal refusal never reconnects; the next canvas gets a fresh one.
  if (shared && !shared.shouldConnect) resetCollabSocket();
  if (!shared) shared = new HocuspocusProviderWebsocket({ url: collabUrl(), maxDelay: 10_000 });
  return shared;
}

export function releaseCollabSocket(): void {
  users = Math.max(0, users - 1);
  if (users > 0 || closeTimer) return;
  closeTimer = setTimeout(() => {
    closeTimer = null;
    if (users === 0) resetCollabSocket();
  }, 1500);
}

/** Closes the socket at once (log out: the next user must not inherit a socket speaking for someone else). */
export function resetCollabSocket(): void {
  shared?.destroy();
  shared = null;
}
