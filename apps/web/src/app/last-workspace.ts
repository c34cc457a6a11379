const KEY = 'tandem:last-workspace';

/** The workspace the user last opened, so `/` brings them back to it. */
export function rememberWorkspace(workspaceId: string): void {
  try {
    localStorage.setItem(KEY, workspaceId);
  } catch {
    // Storage may be unavailable (private mode); `/` then opens the first workspace.
  }
}

export function lastWorkspace(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
