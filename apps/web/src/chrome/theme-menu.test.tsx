// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { startThemeSync } from '../ui/theme';
import { ThemeMenu } from './theme-menu';

const html = document.documentElement;
let stopSync: (() => void) | undefined;

/** The OS's light/dark setting as `matchMedia` reports it, switchable like the real one. */
function mockSystemTheme(initiallyDark: boolean): { setDark: (dark: boolean) => void } {
  let dark = initiallyDark;
  const listeners = new Set<(event: Event) => void>();
  window.matchMedia = (media: string) =>
    ({
      media,
      get matches() {
        return media === '(prefers-color-scheme: dark)' ? dark : false;
      },
      addEventListener: (_type: string, listener: (event: Event) => void) => listeners.add(listener),
      removeEventListener: (_type: string, listener: (event: Event) => void) => listeners.delete(listener),
    }) as unknown as MediaQueryList;
  return {
    setDark(next) {
      dark = next;
      act(() => {
        for (const listener of listeners) listener(new Event('change'));
      });
    },
  };
}

/** Runs index.html's inline script, as the browser does before the first paint. */
function runPrePaintScript(): void {
  const page = readFileSync(join(import.meta.dirname, '../../index.html'), 'utf8');
  const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1];
  if (!script) throw new Error('index.html has no inline theme script');
  new Function(script)();
}

afterEach(() => {
  cleanup();
  stopSync?.();
  stopSync = undefined;
  window.localStorage.clear();
  delete html.dataset.theme;
  Reflect.deleteProperty(window, 'matchMedia');
});

describe('theme setting', () => {
  it('applies the chosen theme to the page and keeps it after a reload', async () => {
    mockSystemTheme(true);
    stopSync = startThemeSync();
    render(<ThemeMenu />);
    expect(html.dataset.theme).toBe('dark');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Theme: System' }));
    await user.click(screen.getByRole('menuitemradio', { name: 'Light' }));
    expect(html.dataset.theme).toBe('light');
    expect(screen.getByRole('menuitemradio', { name: 'Light' }).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('menuitemradio', { name: 'System' }).getAttribute('aria-checked')).toBe('false');

    // A reload: nothing on the page survives, only what the browser stored.
    cleanup();
    stopSync();
    delete html.dataset.theme;
    runPrePaintScript();
    expect(html.dataset.theme).toBe('light');
    stopSync = startThemeSync();
    render(<ThemeMenu />);
    expect(html.dataset.theme).toBe('light');
    expect(screen.getByRole('button', { name: 'Theme: Light' })).toBeTruthy();
  });

  it('follows the OS live under System, and not once the user picks a theme (keyboard only)', async () => {
    const system = mockSystemTheme(false);
    stopSync = startThemeSync();
    render(<ThemeMenu />);
    expect(html.dataset.theme).toBe('light');
    system.setDark(true);
    expect(html.dataset.theme).toBe('dark');

    const user = userEvent.setup();
    await user.tab();
    await user.keyboard('{Enter}');
    await user.tab(); // System
    await user.tab(); // Light
    await user.keyboard(' ');
    expect(html.dataset.theme).toBe('light');
    system.setDark(false);
    system.setDark(true);
    expect(html.dataset.theme).toBe('light');

    await user.click(screen.getByRole('menuitemradio', { name: 'System' }));
    expect(html.dataset.theme).toBe('dark');
    system.setDark(false);
    expect(html.dataset.theme).toBe('light');
    expect(screen.getByRole('button', { name: 'Theme: System' })).toBeTruthy();
  });

  it('picks the same theme before the first paint as the app does after it', () => {
    for (const stored of [null, 'system', 'light', 'dark', 'sepia']) {
      for (const osDark of [false, true]) {
        if (stored === null) window.localStorage.clear();
        else window.localStorage.setItem('tandem.theme', stored);
        mockSystemTheme(osDark);
        delete html.dataset.theme;
        runPrePaintScript();
        const beforePaint = html.dataset.theme;
        delete html.dataset.theme;
        startThemeSync()();
        expect(beforePaint, `stored ${stored}, OS dark ${osDark}`).toBe(html.dataset.theme);
      }
    }
  });
});
