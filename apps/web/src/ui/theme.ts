import { useSyncExternalStore } from 'react';

/** What the user picked; `system` follows the operating system's light/dark setting, live. */
export type ThemePreference = 'system' | 'light' | 'dark';
/** What the page shows: the value of `<html data-theme>`, which the stylesheets key on. */
export type Theme = 'light' | 'dark';

export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

// index.html's pre-paint script reads the same key and values: change them together.
const STORAGE_KEY = 'tandem.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

const listeners = new Set<() => void>();
/** The choice while storage is unavailable (blocked, private mode): it holds until the page is reloaded. */
let unstoredPreference: ThemePreference | undefined;

function isPreference(value: unknown): value is ThemePreference {
  return value === 'system' || value === 'light' || value === 'dark';
}

function readPreference(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isPreference(stored) ? stored : 'system';
  } catch {
    return unstoredPreference ?? 'system';
  }
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

function resolveTheme(preference: ThemePreference, prefersDark: boolean): Theme {
  if (preference === 'system') return prefersDark ? 'dark' : 'light';
  return preference;
}

function applyTheme(): void {
  const theme = resolveTheme(readPreference(), systemPrefersDark());
  if (document.documentElement.dataset.theme !== theme) document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

/** Stores the choice and applies it to this tab (other tabs follow through the `storage` event). */
export function setThemePreference(preference: ThemePreference): void {
  try {
    if (preference === 'system') window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, preference);
  } catch {
    unstoredPreference = preference;
  }
  applyTheme();
}

/**
 * Applies the theme now and keeps it current: when the OS switches between light and dark (for `system`)
 * and when another tab changes the choice. Call once before the first render; returns a stop function.
 */
export function startThemeSync(): () => void {
  applyTheme();
  const media = typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : undefined;
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) applyTheme();
  };
  media?.addEventListener('change', applyTheme);
  window.addEventListener('storage', onStorage);
  return () => {
    media?.removeEventListener('change', applyTheme);
    window.removeEventListener('storage', onStorage);
  };
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The user's choice, re-rendering when it changes (here or in another tab). */
export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(subscribe, readPreference, () => 'system');
}

/** The theme on screen, re-rendering when it changes (also when the OS flips it under `system`). */
export function useTheme(): Theme {
  return useSyncExternalStore(
    subscribe,
    () => (document.documentElement.dataset.theme === 'light' ? 'light' : 'dark'),
    () => 'dark',
  );
}
