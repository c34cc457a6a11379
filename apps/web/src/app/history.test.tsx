// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { navigate, useLocation } from './history';
import { Link } from './link';
import { parseRoute } from './routes';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

function Where() {
  const { pathname, search } = useLocation();
  return (
    <div>
      <output>{parseRoute(pathname, search).name}</output>
      <Link to="/w/ws1/settings">settings</Link>
    </div>
  );
}

describe('the router', () => {
  it('re-renders on navigate, on link clicks and on back', async () => {
    render(<Where />);
    expect(screen.getByRole('status').textContent).toBe('home');
    act(() => navigate('/w/ws1'));
    expect(screen.getByRole('status').textContent).toBe('workspace');
    fireEvent.click(screen.getByText('settings'));
    expect(window.location.pathname).toBe('/w/ws1/settings');
    expect(screen.getByRole('status').textContent).toBe('settings');
    await act(async () => {
      const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
      window.history.back();
      await popped;
    });
    expect(screen.getByRole('status').textContent).toBe('workspace');
  });

  it('replaces the entry when asked (redirects do not pile up in history)', () => {
    const before = window.history.length;
    act(() => navigate('/login', { replace: true }));
    expect(window.history.length).toBe(before);
    expect(window.location.pathname).toBe('/login');
  });
});
