import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger';
import { type ProxyTrust, requestHost } from './client-address';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request (any method but GET, HEAD and OPTIONS) that did not come from
 * Tandem's own pages: `Sec-Fetch-Site` must say `same-origin`; where a client sends no such header,
 * `Origin` must name this host. A request with neither is refused too. Routes that authenticate with an
 * API key instead of the session cookie (the future HTTP trigger) are not behind this guard.
 */
export function csrfGuard(options: ProxyTrust & { logger: Logger }): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const allowed =
      site !== undefined
        ? site === 'same-origin'
        : origin !== undefined && originHost(origin) === requestHost(c, options);
    if (allowed) return next();
    options.logger.warn('cross-site request refused', {
      method: c.req.method,
      path: c.req.path,
      secFetchSite: site ?? null,
      origin: origin ?? null,
    });
    return c.json(
      {
        error: {
          message:
            'This request did not come from a Tandem page and was refused. Reload Tandem and try again.',
        },
      },
      403,
    );
  };
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // `Origin: null` (sandboxed frames, some redirects) and garbage
  }
}
