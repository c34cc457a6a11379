import { NodeFailure } from '../errors';
import { renderTemplate } from '../template-render';
import type { NodeExecutor } from './types';

/** Seconds or an HTTP date, as Retry-After allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function parseBody(body: string, contentType: string | undefined): unknown {
  if (!contentType?.toLowerCase().includes('json')) return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * Sends the rendered request through the `HttpClient` port (which owns the SSRF guard) and outputs
 * `{ status, headers, body }`, the body parsed when it is JSON. 429 and 5xx are retryable (honouring
 * Retry-After); other 4xx fail the node.
 */
export const executeHttp: NodeExecutor<'http'> = async (node, context) => {
  const { config } = node;
  const http = context.ports.http;
  if (!http) throw new NodeFailure('user', 'HTTP requests are not available on this server.');
  const url = renderTemplate(config.urlTemplate, context.scope, { encode: encodeURIComponent });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers))
    headers[name] = renderTemplate(value, context.scope);
  const hasBody = config.method !== 'GET' && config.bodyTemplate !== '';
  const response = await http.request({
    method: config.method,
    url,
    headers,
    ...(hasBody ? { body: renderTemplate(config.bodyTemplate, context.scope) } : {}),
    timeoutMs: config.timeoutMs,
    maxBodyBytes: context.limits.http.maxBodyBytes,
    signal: context.signal,
  });
  if (response.status === 429 || response.status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], context.ports.clock.now());
    throw new NodeFailure('operational', `${config.method} ${response.url} answered ${response.status}.`, {
      retryable: true,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  if (response.status >= 400) {
    throw new NodeFailure('user', `${config.method} ${response.url} answered ${response.status}.`);
  }
  return {
    output: {
      status: response.status,
      headers: response.headers,
      body: parseBody(response.body, response.headers['content-type']),
    },
  };
};
