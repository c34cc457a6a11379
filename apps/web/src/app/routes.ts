/** Every screen of the app, parsed from the URL. */
export type Route =
  | { name: 'home' }
  | { name: 'login'; next: string | null }
  | { name: 'signup'; next: string | null }
  | { name: 'workspace'; workspaceId: string }
  | { name: 'settings'; workspaceId: string }
  | { name: 'workflow'; workspaceId: string; workflowId: string }
  | { name: 'datasets'; workspaceId: string }
  | { name: 'dataset'; workspaceId: string; datasetId: string }
  | { name: 'experiments'; workspaceId: string }
  | { name: 'experiment'; workspaceId: string; experimentId: string }
  | { name: 'invite'; token: string }
  | { name: 'playground' }
  | { name: 'bench-drag'; mode: 'yjs' | 'plain'; nodes: number }
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
  [/^\/w\/([^/]+)\/datasets$/, ([workspaceId = '']) => ({ name: 'datasets', workspaceId })],
  [
    /^\/w\/([^/]+)\/datasets\/([^/]+)$/,
    ([workspaceId = '', datasetId = '']) => ({ name: 'dataset', workspaceId, datasetId }),
  ],
  [/^\/w\/([^/]+)\/experiments$/, ([workspaceId = '']) => ({ name: 'experiments', workspaceId })],
  [
    /^\/w\/([^/]+)\/experiments\/([^/]+)$/,
    ([workspaceId = '', experimentId = '']) => ({ name: 'experiment', workspaceId, experimentId }),
  ],
  [/^\/invite\/([^/]+)$/, ([token = '']) => ({ name: 'invite', token })],
  [/^\/playground$/, () => ({ name: 'playground' })],
  [
    /^\/bench\/drag$/,
    (_, search) => ({
      name: 'bench-drag',
      mode: search.get('mode') === 'plain' ? 'plain' : 'yjs',
      nodes: Math.min(5000, Math.max(1, Math.trunc(Number(search.get('nodes') ?? 500)) || 500)),
    }),
  ],
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
  datasets: (workspaceId: string) => `/w/${encodeURIComponent(workspaceId)}/datasets`,
  dataset: (workspaceId: string, datasetId: string) =>
    `/w/${encodeURIComponent(workspaceId)}/datasets/${encodeURIComponent(datasetId)}`,
  experiments: (workspaceId: string) => `/w/${encodeURIComponent(workspaceId)}/experiments`,
  experiment: (workspaceId: string, experimentId: string) =>
    `/w/${encodeURIComponent(workspaceId)}/experiments/${encodeURIComponent(experimentId)}`,
  invite: (token: string) => `/invite/${encodeURIComponent(token)}`,
};
