import { type CloseReason, closeReasonFor, isCloseReason } from '@tandem/workflow';

/** What the app does after a refusal: reload the page, log in again, leave for the workspace list, or wait. */
export type RefusalAction = 'reload' | 'login' | 'leave' | 'wait';

export type Refusal = {
  reason: string;
  title: string;
  message: string;
  action: RefusalAction;
  /** Retrying cannot help: stop reconnecting and block the canvas. */
  terminal: boolean;
};

// What the user is told for each refusal slug of `CLOSE_CODES` (@tandem/workflow); a slug missing here
// (going-away, frame-too-large) is an ordinary reconnect, not a refusal to explain.
const BY_REASON: Partial<Record<CloseReason, Omit<Refusal, 'reason'>>> = {
  unauthorized: {
    title: 'Your session ended',
    message: 'Log in again to keep working. Edits you made are kept in this browser.',
    action: 'login',
    terminal: true,
  },
  forbidden: {
    title: 'You no longer have access',
    message: 'You were removed from this workspace, or the workflow was deleted.',
    action: 'leave',
    terminal: true,
  },
  'unknown-document': {
    title: 'This workflow cannot be opened',
    message: 'Tandem does not know this document.',
    action: 'leave',
    terminal: true,
  },
  'client-too-old': {
    title: 'Reload: Tandem was updated',
    message: 'A newer version of Tandem is running. Reload the page to keep editing.',
    action: 'reload',
    terminal: true,
  },
  'server-too-old': {
    title: 'This workflow needs a newer Tandem',
    message: 'It was saved by a newer version than the server runs. Ask your admin to update Tandem.',
    action: 'leave',
    terminal: true,
  },
  'rate-limited': {
    title: 'Slowing down',
    message: 'Too many changes too fast; reconnecting shortly.',
    action: 'wait',
    terminal: false,
  },
  unavailable: {
    title: 'Saving is paused',
    message: 'The server could not store changes. Nothing was lost; retrying.',
    action: 'wait',
    terminal: false,
  },
  'malformed-message': {
    title: 'Connection reset',
    message: 'The server did not understand a message; reconnecting.',
    action: 'wait',
    terminal: false,
  },
};

/** A refusal from its slug (permission-denied message, or a close reason); null for anything else. */
export function refusalForReason(reason: string): Refusal | null {
  const known = isCloseReason(reason) ? BY_REASON[reason] : undefined;
  return known ? { reason, ...known } : null;
}

/** A refusal from a WebSocket close code (4xxx application codes); null for ordinary closes. */
export function refusalForClose(code: number, reason = ''): Refusal | null {
  const slug = closeReasonFor(code, reason);
  return slug ? refusalForReason(slug) : null;
}
