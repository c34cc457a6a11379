import type { LlmClient } from '@tandem/llm';
import type { RunEvent } from './run-events';

/**
 * Time as the engine sees it. Timestamps, latencies, backoff waits and timeouts all go through this port so
 * tests can drive a run on virtual time.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts (and clears its timer). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type HttpRequest = {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange (every redirect hop and the body) must finish within this. */
  timeoutMs: number;
  /** The response body is refused (while streaming) once it exceeds this many bytes. */
  maxBodyBytes: number;
  signal: AbortSignal;
};

export type HttpResponse = {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body decoded as UTF-8. */
  body: string;
  /** The URL that answered, after redirects. */
  url: string;
};

/** Outbound HTTP for `http` nodes; the Node adapter (`@tandem/engine/node`) adds the SSRF guard. */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** Runs the source of a `code` node in isolation and returns its JSON-serialisable result. */
export interface CodeSandbox {
  run(input: CodeSandboxInput): Promise<unknown>;
}

export type CodeSandboxInput = {
  source: string;
  inputs: Record<string, unknown>;
  nodes: Record<string, { output: unknown }>;
  timeoutMs: number;
  memoryLimitBytes: number;
  maxStackSizeBytes: number;
  /** A result whose JSON is longer than this fails the node. */
  maxOutputBytes: number;
  /**
   * The attempt's signal (node timeout, cancellation, another node's failure). A sandbox that can stop guest
   * code early (the worker sandbox) uses it; the in-thread QuickJS sandbox cannot and ignores it.
   */
  signal?: AbortSignal;
};

/** Everything outside the engine that a run touches. */
export type EnginePorts = {
  llm: LlmClient;
  clock: Clock;
  /**
   * Receives every event in `seq` order; the engine awaits it before going on, so the caller can persist
   * (the source of truth) before the run moves further. Calls never overlap.
   */
  emit(event: RunEvent): Promise<void>;
  /** Needed only by workflows with `http` nodes; without it such a node fails with a clear message. */
  http?: HttpClient;
  /** Defaults to the QuickJS sandbox. */
  code?: CodeSandbox;
  /** Jitter source in [0, 1); defaults to Math.random. */
  random?: () => number;
  /** Told about errors that are bugs (the event only carries a generic message), so they can be logged. */
  onUnexpectedError?: (error: unknown, context: { runId: string; nodeId?: string }) => void;
};
