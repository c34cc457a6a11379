import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * What Tandem may believe about a request that only a proxy knows. With `trustedProxyHops` 0 (the
 * default) nothing from `X-Forwarded-*` is believed: anyone can send those headers.
 */
export type ProxyTrust = { trustedProxyHops: number };

function socketAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // No socket behind the request (an in-process `app.request` without bindings).
    return null;
  }
}

function forwardedList(c: Context, header: string): string[] {
  return (c.req.header(header) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The client's address: the socket's peer, or, behind `trustedProxyHops` proxies, the address the
 * outermost trusted proxy saw (each proxy appends its peer to X-Forwarded-For, so it is that many
 * entries from the right). Rate limits are keyed on this.
 */
export function clientAddress(c: Context, trust: ProxyTrust): string {
  const socket = socketAddress(c) ?? 'unknown';
  if (trust.trustedProxyHops === 0) return socket;
  const chain = [...forwardedList(c, 'x-forwarded-for'), socket];
  return chain[Math.max(0, chain.length - 1 - trust.trustedProxyHops)] ?? socket;
}

/** Whether the browser reached Tandem over https (directly, or at a trusted TLS-terminating proxy). */
export function servedOverHttps(c: Context, trust: ProxyTrust): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trust.trustedProxyHops > 0 && forwardedList(c, 'x-forwarded-proto')[0]?.toLowerCase() === 'https';
}

/** The host (with port) the browser addressed. */
export function requestHost(c: Context, trust: ProxyTrust): string {
  const forwarded = trust.trustedProxyHops > 0 ? forwardedList(c, 'x-forwarded-host')[0] : undefined;
  return (forwarded ?? new URL(c.req.url).host).toLowerCase();
}
