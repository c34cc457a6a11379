import { useSyncExternalStore } from 'react';

type Listener = () => void;
const listeners = new Set<Listener>();

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const readLocation = () => `${window.location.pathname}${window.location.search}`;

/** Goes to a path of this app without a page load. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === readLocation()) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  emit();
}

/** The current path + query; re-renders on navigate and on back/forward. */
export function useLocation(): { pathname: string; search: string; href: string } {
  const href = useSyncExternalStore(subscribe, readLocation, () => '/');
  const query = href.indexOf('?');
  return {
    href,
    pathname: query === -1 ? href : href.slice(0, query),
    search: query === -1 ? '' : href.slice(query),
  };
}
