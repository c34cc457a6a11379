import { describe, expect, it } from 'vitest';
import { parseRoute, paths, safeNext } from './routes';

describe('routes', () => {
  it.each([
    ['/', { name: 'home' }],
    ['/login', { name: 'login', next: null }],
    ['/w/ws1', { name: 'workspace', workspaceId: 'ws1' }],
    ['/w/ws1/', { name: 'workspace', workspaceId: 'ws1' }],
    ['/w/ws1/settings', { name: 'settings', workspaceId: 'ws1' }],
    ['/w/ws1/f/wf2', { name: 'workflow', workspaceId: 'ws1', workflowId: 'wf2' }],
    ['/invite/abc', { name: 'invite', token: 'abc' }],
    ['/w/ws1/datasets', { name: 'datasets', workspaceId: 'ws1' }],
    ['/w/ws1/datasets/d1', { name: 'dataset', workspaceId: 'ws1', datasetId: 'd1' }],
    ['/w/ws1/experiments', { name: 'experiments', workspaceId: 'ws1' }],
    ['/w/ws1/experiments/x1/', { name: 'experiment', workspaceId: 'ws1', experimentId: 'x1' }],
    ['/playground', { name: 'playground' }],
    ['/w', { name: 'not-found' }],
    ['/w/%E0%A4%A', { name: 'not-found' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('keeps where to go after login, but only inside the app', () => {
    expect(parseRoute('/login', '?next=%2Finvite%2Fabc')).toEqual({ name: 'login', next: '/invite/abc' });
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(paths.login('/invite/abc')).toBe('/login?next=%2Finvite%2Fabc');
  });

  it('round-trips the paths it builds', () => {
    expect(parseRoute(paths.workflow('a b', 'c'))).toEqual({
      name: 'workflow',
      workspaceId: 'a b',
      workflowId: 'c',
    });
  });
});
