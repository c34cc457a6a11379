import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { HttpRequestError } from '../errors';
import type { HttpClient, HttpMethod, HttpRequest, HttpResponse } from '../ports';
import { isForbiddenAddress } from './ip-ranges';

/** Resolves a hostname to every address it has (what `dns.lookup(host, { all: true })` returns). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export type SafeHttpOptions = {
  /**
   * Entries `host` or `host:port` (IPv6 as `[::1]:8080`) that may be reached although they are private or
   * loopback; the server passes `TANDEM_HTTP_ALLOW` through `parseAllowList`. A `host` entry matches the
   * URL's hostname or a resolved address.
   */
  allow?: readonly string[];
  /** Defaults to the system resolver; tests inject one to simulate a name resolving to loopback. */
  resolve?: Resolver;
  /** Redirects followed per request (each hop is checked again). Default 5. */
  maxRedirects?: number;
};

type AllowEntry = { host: string; port: number | undefined };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** Lower case, no brackets, no trailing dot: `Localhost.` and `localhost` are the same host. */
function normaliseHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** Splits `TANDEM_HTTP_ALLOW` (comma or whitespace separated) into entries for `SafeHttpOptions.allow`. */
export function parseAllowList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter((entry) => entry !== '');
}

function parseAllowEntry(entry: string): AllowEntry {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed?.[1]) {
    return { host: normaliseHost(bracketed[1]), port: bracketed[2] ? Number(bracketed[2]) : undefined };
  }
  // A bare IPv6 address has several colons and no port.
  if (isIP(entry) === 6) return { host: normaliseHost(entry), port: undefined };
  const hostPort = /^(.*):(\d+)$/.exec(entry);
  if (hostPort?.[1] && hostPort[2]) return { host: normaliseHost(hostPort[1]), port: Number(hostPort[2]) };
  return { host: normaliseHost(entry), port: undefined };
}

function defaultPort(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

function headerRecord(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

type Hop = { status: number; headers: Record<string, string>; body: string; location?: string };

/**
 * An `HttpClient` that refuses private, loopback, link-local and metadata addresses. The check runs inside
 * the socket's `lookup`, on the very addresses the socket then connects to, so a name that re-resolves
 * between check and connect (DNS rebinding) cannot slip through. IP literals (which skip `lookup`) are
 * checked from the URL, after WHATWG parsing has normalised decimal, octal and hex forms. Redirects are
 * followed by hand so every hop is checked; the body is capped while streaming.
 */
export function createSafeHttpClient(options: SafeHttpOptions = {}): HttpClient {
  const allow = (options.allow ?? []).map(parseAllowEntry);
  const resolve: Resolver = options.resolve ?? ((host) => dnsLookup(host, { all: true, verbatim: true }));
  const maxRedirects = options.maxRedirects ?? 5;

  const allowed = (host: string, port: number) =>
    allow.some(
      (entry) => entry.host === normaliseHost(host) && (entry.port === undefined || entry.port === port),
    );

  const refuse = (what: string) =>
    new HttpRequestError(
      'refused',
      `Refused to connect to ${what}: private and local addresses are not allowed.`,
    );

  /** The socket's resolver: resolve, then refuse the whole host if any address is forbidden. */
  const guardedLookup = (hostname: string, port: number): LookupFunction =>
    ((_host: string, lookupOptions: { all?: boolean }, callback: (...args: unknown[]) => void) => {
      resolve(hostname).then(
        (addresses) => {
          if (addresses.length === 0) {
            callback(new HttpRequestError('network', `${hostname} did not resolve.`));
            return;
          }
          const bad = addresses.find(
            (a) => isForbiddenAddress(a.address) && !allowed(a.address, port) && !allowed(hostname, port),
          );
          if (bad) {
            callback(refuse(`${hostname} (${bad.address})`));
            return;
          }
          const first = addresses[0];
          if (lookupOptions.all) callback(null, addresses);
          else callback(null, first?.address, first?.family);
        },
        (error: unknown) =>
          callback(new HttpRequestError('network', `${hostname} did not resolve.`, { cause: error })),
      );
    }) as LookupFunction;

  /** Checks what can be checked before connecting: scheme, IP literals, `localhost` names. */
  const checkUrl = (url: URL): { host: string; port: number } => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new HttpRequestError('invalid_url', `Only http and https URLs are allowed, not ${url.protocol}`);
    }
    const host = normaliseHost(url.hostname);
    const port = defaultPort(url);
    if (isIP(host) !== 0) {
      if (isForbiddenAddress(host) && !allowed(host, port)) throw refuse(host);
    } else if ((host === 'localhost' || host.endsWith('.localhost')) && !allowed(host, port)) {
      throw refuse(url.hostname);
    }
    return { host, port };
  };

  const hop = (
    url: URL,
    method: HttpMethod,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
    maxBodyBytes: number,
  ): Promise<Hop> => {
    const { host, port } = checkUrl(url);
    return new Promise<Hop>((resolveHop, reject) => {
      const requestOptions: RequestOptions = {
        protocol: url.protocol,
        hostname: isIP(host) === 6 ? `[${host}]` : url.hostname,
        port,
        path: `${url.pathname}${url.search}`,
        method,
        headers:
          body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        // No pooled sockets: every request goes through the guarded lookup.
        agent: false,
        signal,
        ...(isIP(host) === 0 ? { lookup: guardedLookup(url.hostname, port) } : {}),
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(requestOptions, (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (REDIRECTS.has(status) && location) {
          res.resume();
          resolveHop({ status, headers: headerRecord(res), body: '', location });
          return;
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > maxBodyBytes) {
          res.destroy();
          reject(new HttpRequestError('too_large', `The response is larger than ${maxBodyBytes} bytes.`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            res.destroy();
            reject(new HttpRequestError('too_large', `The response is larger than ${maxBodyBytes} bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolveHop({ status, headers: headerRecord(res), body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  };

  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const timeout = AbortSignal.timeout(request.timeoutMs);
      const signal = AbortSignal.any([request.signal, timeout]);
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new HttpRequestError('invalid_url', `Not a valid URL: ${request.url}`);
      }
      let { method, body } = request;
      let headers = { ...request.headers };
      try {
        for (let redirects = 0; ; redirects++) {
          const response = await hop(url, method, headers, body, signal, request.maxBodyBytes);
          if (response.location === undefined) return { ...response, url: url.toString() };
          if (redirects >= maxRedirects) {
            throw new HttpRequestError('too_many_redirects', `More than ${maxRedirects} redirects.`);
          }
          const next = new URL(response.location, url);
          if (next.origin !== url.origin) {
            // Credentials were meant for the first origin, not wherever it points us.
            headers = Object.fromEntries(
              Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())),
            );
          }
          if (
            response.status === 303 ||
            ((response.status === 301 || response.status === 302) && method !== 'GET')
          ) {
            method = 'GET';
            body = undefined;
          }
          url = next;
        }
      } catch (error) {
        if (error instanceof HttpRequestError) throw error;
        if (timeout.aborted) {
          throw new HttpRequestError('timeout', `No response within ${request.timeoutMs} ms.`, {
            cause: error,
          });
        }
        if (request.signal.aborted)
          throw new HttpRequestError('aborted', 'The request was cancelled.', { cause: error });
        const message = error instanceof Error ? error.message : String(error);
        throw new HttpRequestError('network', `Request failed: ${message}`, { cause: error });
      }
    },
  };
}
