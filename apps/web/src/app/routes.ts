/** Every screen of the app, parsed from the URL. */
export type Route =
  | { name: 'home' }
  | { name: 'login'; next: string | null }
  | { name: 'signup'; next: string | null }
  | { name: 'workspace'; workspaceId: string }
  | { name: 'settings'; workspaceId: string }
  | { name: 'workflow'; workspaceId: string; workflowId: string }
  | { name: 'invite'; token: string }
  | { name: 'playground' }
  | { name: 'not-found' };

const PATTERNS: readonly [RegExp, (groups: string[], search: URLSearchParams) => Route][] = [
  [/^\/$/, () => ({ name: 'home' })],
  [/^\/login$/, (_, search) => ({ name: 'login', next: safeNext(search.get('next')) })],
  [/^\/signup$/, (_, search) => ({ name: 'signup', next: safeNext(search.get('next')) })],
  [/^\/w\/([^/]+)$/, ([workspaceId = '']) => ({ name: 'workspace', workspaceId })],
  [/^\/w\/([^/]+)\/settings$/, ([workspaceId = '']) => ({ name: 'settings', workspaceId })],
  [
    /^\/w\/([^/]+)\/f\/([^/]+)$/,
    ([workspaceId = '', workflowId = '']) => ({ name: 'workflow', workspaceId, workflowId }),
  ],
  [/^\/invite\/([^/]+)$/, ([token = '']) => ({ name: 'invite', token })],
  [/^\/playground$/, () => ({ name: 'playground' })],
];

/** Which screen a path shows. Path segments are URI-decoded; a trailing slash is ignored. */
export function parseRoute(pathname: string, search = ''): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const params = new URLSearchParams(search);
  for (const [pattern, build] of PATTERNS) {
    const match = pattern.exec(path);
    if (!match) continue;
    try {
      return build(match.slice(1).map(decodeURIComponent), params);
    } catch {
      return { name: 'not-found' };
    }
  }
  return { name: 'not-found' };
}

/** Only same-app paths may be a post-login destination (no `//evil.example`, no absolute URLs). */
export function safeNext(next: string | null): string | null {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  return next;
}

export const paths = {
  home: () => '/',
  login: (next?: string | null) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  signup: (next?: string | null) => (next ? `/signup?next=${encodeURIComponent(next)}` : '/signup'),
  workspace: (workspaceId: string) => `/w/${encodeURIComponent(workspaceId)}`,
  settings: (workspaceId: string) => `/w/${encodeURIComponent(workspaceId)}/settings`,
  workflow: (workspaceId: string, workflowId: string) =>
    `/w/${encodeURIComponent(workspaceId)}/f/${encodeURIComponent(workflowId)}`,
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
};
