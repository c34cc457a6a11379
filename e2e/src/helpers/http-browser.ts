/** A tRPC caller over HTTP keeping the session cookie, for tests that drive a server process. */
export function httpBrowser(url: string, session = '') {
  let cookie = session;
  async function call<T>(procedure: string, input: unknown, method: 'GET' | 'POST'): Promise<T> {
    const target =
      method === 'GET'
        ? `${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`
        : `${url}/trpc/${procedure}`;
    const response = await fetch(target, {
      method,
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', cookie },
      ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
    });
    const set = response.headers.getSetCookie().find((line) => line.startsWith('tandem_session='));
    if (set) cookie = set.split(';')[0] ?? '';
    const body = (await response.json()) as { result?: { data: T }; error?: unknown };
    if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  }
  return {
    get cookie() {
      return cookie;
    },
    query: <T>(procedure: string, input: unknown) => call<T>(procedure, input, 'GET'),
    mutation: <T>(procedure: string, input: unknown) => call<T>(procedure, input, 'POST'),
  };
}

/** A node of an importable workflow JSON. */
export const node = (id: string, type: string, config: Record<string, unknown>) => ({
  id,
  type,
  typeVersion: 1,
  position: { x: 0, y: 0 },
  config,
});

/** An edge from `source`'s out handle to `target`'s in handle. */
export const edge = (source: string, target: string) => ({
  id: `${source}-${target}`,
  source,
  sourceHandle: 'out',
  target,
  targetHandle: 'in',
});
