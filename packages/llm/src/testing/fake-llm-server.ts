import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which wire format a request spoke. */
export type FakeApi = 'openai' | 'anthropic';

/** One request as the fake received it, for tests to count calls and check headers and bodies. */
export type RecordedRequest = {
  api: FakeApi;
  method: string;
  path: string;
  /** Lower-cased names, as node:http gives them. */
  headers: Record<string, string>;
  body: Record<string, unknown>;
  stream: boolean;
};

/** How the fake answers one request. */
export type FakeReply =
  | {
      type: 'text';
      /** Default: `Fake reply to: <last user message>`. */
      text?: string;
      /** How a streamed answer is cut into deltas; default one word per delta. Their concatenation is the text. */
      chunks?: string[];
      /** Before the response headers (a slow first byte). */
      delayMs?: number;
      /** Between streamed deltas. */
      chunkDelayMs?: number;
      /** Default: ~4 characters per token of the request's messages and of the text. */
      usage?: { input: number; output: number };
      finishReason?: 'stop' | 'length';
      /** Streaming only: destroy the socket after this many deltas (a server dying mid-stream). */
      dropAfterChunks?: number;
    }
  | {
      type: 'error';
      status: number;
      message?: string;
      headers?: Record<string, string>;
      delayMs?: number;
      /** Replaces the provider-shaped error body. */
      body?: unknown;
    }
  /** Never answers (until the client gives up), to exercise timeouts and aborts. */
  | { type: 'hang' };

export type FakeLlmServerOptions = {
  /**
   * When set, a request that does not carry this key (as `Authorization: Bearer <key>` or `x-api-key: <key>`,
   * whichever the SDK sends) gets a provider-shaped 401.
   */
  apiKey?: string;
};

export type FakeLlmServer = {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** For the OpenAI SDK (and OpenAI-compatible clients): the origin plus `/v1`. */
  openaiBaseURL: string;
  /** For the Anthropic SDK: the bare origin. */
  anthropicBaseURL: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Scripts the next requests, one reply each, in order; after the queue, the default reply answers. */
  enqueue(...replies: FakeReply[]): void;
  /** The reply used when the queue is empty; a function sees the request. */
  setDefault(reply: FakeReply | ((request: RecordedRequest) => FakeReply)): void;
  /** Forgets recorded requests, queued replies and the default. */
  reset(): void;
  close(): Promise<void>;
};

/**
 * Starts a fake LLM server on 127.0.0.1, port 0, speaking OpenAI's `POST /v1/chat/completions` and
 * Anthropic's `POST /v1/messages`, JSON and SSE, so tests drive the real SDKs over real HTTP.
 */
export async function startFakeLlmServer(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
  const requests: RecordedRequest[] = [];
  let queue: FakeReply[] = [];
  let fallback: FakeReply | ((request: RecordedRequest) => FakeReply) = { type: 'text' };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const api: FakeApi | undefined =
      req.method === 'POST' && path === '/v1/chat/completions'
        ? 'openai'
        : req.method === 'POST' && path === '/v1/messages'
          ? 'anthropic'
          : undefined;
    const raw = await readBody(req);
    if (api === undefined) {
      sendJson(res, 404, { error: { message: `No route for ${req.method} ${path}` } });
      return;
    }
    const body = parseObject(raw);
    const recorded: RecordedRequest = {
      api,
      method: req.method ?? 'POST',
      path,
      headers: flatHeaders(req),
      body,
      stream: body.stream === true,
    };
    requests.push(recorded);
    if (options.apiKey !== undefined && !carriesKey(recorded.headers, options.apiKey)) {
      sendError(res, api, { type: 'error', status: 401, message: 'invalid x-api-key' });
      return;
    }
    const reply = queue.shift() ?? (typeof fallback === 'function' ? fallback(recorded) : fallback);
    await answer(res, recorded, reply);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    openaiBaseURL: `${origin}/v1`,
    anthropicBaseURL: origin,
    requests,
    enqueue(...replies) {
      queue.push(...replies);
    },
    setDefault(reply) {
      fallback = reply;
    },
    reset() {
      requests.length = 0;
      queue = [];
      fallback = { type: 'text' };
    },
    close() {
      // Hanging requests keep sockets open; close them so the server can stop.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

async function answer(res: ServerResponse, request: RecordedRequest, reply: FakeReply): Promise<void> {
  if (reply.type === 'hang') return;
  if (reply.delayMs) await delay(reply.delayMs);
  if (res.destroyed) return;
  if (reply.type === 'error') {
    sendError(res, request.api, reply);
    return;
  }
  const text = reply.text ?? `Fake reply to: ${lastUserText(request.body)}`;
  const usage = reply.usage ?? {
    input: Math.ceil(JSON.stringify([request.body.system ?? '', request.body.messages ?? []]).length / 4),
    output: Math.ceil(text.length / 4),
  };
  const finish = reply.finishReason ?? 'stop';
  const model = typeof request.body.model === 'string' ? request.body.model : 'fake-model';
  if (!request.stream) {
    sendJson(
      res,
      200,
      request.api === 'openai'
        ? openAiCompletion(model, text, usage, finish)
        : anthropicMessage(model, text, usage, finish),
    );
    return;
  }
  const chunks = reply.chunks ?? text.match(/\S+\s*|\s+/g) ?? [];
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const events =
    request.api === 'openai'
      ? openAiEvents(request, model, chunks, usage, finish)
      : anthropicEvents(model, chunks, usage, finish);
  let sentDeltas = 0;
  for (const event of events) {
    if (res.destroyed) return;
    if (event.isDelta) {
      if (reply.dropAfterChunks !== undefined && sentDeltas >= reply.dropAfterChunks) {
        res.destroy();
        return;
      }
      if (reply.chunkDelayMs && sentDeltas > 0) await delay(reply.chunkDelayMs);
      if (res.destroyed) return;
      sentDeltas += 1;
    }
    res.write(event.data);
  }
  res.end();
}

type SseEvent = { data: string; isDelta: boolean };
type Usage = { input: number; output: number };

function sse(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

function openAiCompletion(model: string, text: string, usage: Usage, finish: string): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        finish_reason: finish,
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  };
}

function openAiEvents(
  request: RecordedRequest,
  model: string,
  chunks: string[],
  usage: Usage,
  finish: string,
): SseEvent[] {
  const options = request.body.stream_options;
  const includeUsage =
    typeof options === 'object' &&
    options !== null &&
    'include_usage' in options &&
    options.include_usage === true;
  const base = {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
  };
  // With include_usage, every chunk carries `usage: null` and one extra final chunk carries the totals.
  const usageNull = includeUsage ? { usage: null } : {};
  const chunk = (delta: Record<string, unknown>, finishReason: string | null): string =>
    sse({
      ...base,
      ...usageNull,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    });
  const events: SseEvent[] = [{ data: chunk({ role: 'assistant', content: '' }, null), isDelta: false }];
  for (const piece of chunks) events.push({ data: chunk({ content: piece }, null), isDelta: true });
  events.push({ data: chunk({}, finish), isDelta: false });
  if (includeUsage) {
    const totals = {
      prompt_tokens: usage.input,
      completion_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    };
    events.push({ data: sse({ ...base, choices: [], usage: totals }), isDelta: false });
  }
  events.push({ data: sse('[DONE]'), isDelta: false });
  return events;
}

function anthropicStopReason(finish: string): string {
  return finish === 'length' ? 'max_tokens' : 'end_turn';
}

function anthropicMessage(model: string, text: string, usage: Usage, finish: string): unknown {
  return {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text, citations: null }],
    stop_reason: anthropicStopReason(finish),
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
    },
  };
}

function anthropicEvents(model: string, chunks: string[], usage: Usage, finish: string): SseEvent[] {
  const message = {
    id: 'msg_fake',
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: {
      input_tokens: usage.input,
      output_tokens: 1,
      cache_creation_input_tokens: null,
      cache_read_input_tokens: null,
    },
  };
  const events: SseEvent[] = [
    { data: sse({ type: 'message_start', message }, 'message_start'), isDelta: false },
    {
      data: sse(
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        'content_block_start',
      ),
      isDelta: false,
    },
    { data: sse({ type: 'ping' }, 'ping'), isDelta: false },
  ];
  for (const piece of chunks) {
    const delta = { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } };
    events.push({ data: sse(delta, 'content_block_delta'), isDelta: true });
  }
  events.push(
    { data: sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'), isDelta: false },
    {
      // message_delta's usage is cumulative: the whole message's output tokens.
      data: sse(
        {
          type: 'message_delta',
          delta: { stop_reason: anthropicStopReason(finish), stop_sequence: null },
          usage: { output_tokens: usage.output },
        },
        'message_delta',
      ),
      isDelta: false,
    },
    { data: sse({ type: 'message_stop' }, 'message_stop'), isDelta: false },
  );
  return events;
}

function sendError(res: ServerResponse, api: FakeApi, reply: Extract<FakeReply, { type: 'error' }>): void {
  const message = reply.message ?? `Fake error ${reply.status}`;
  const body =
    reply.body ??
    (api === 'openai'
      ? { error: { message, type: openAiErrorType(reply.status), param: null, code: null } }
      : { type: 'error', error: { type: anthropicErrorType(reply.status), message } });
  sendJson(res, reply.status, body, reply.headers);
}

function openAiErrorType(status: number): string {
  if (status === 429) return 'rate_limit_exceeded';
  if (status === 401 || status === 403) return 'invalid_request_error';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

function anthropicErrorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 529) return 'overloaded_error';
  return status >= 500 ? 'api_error' : 'invalid_request_error';
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function carriesKey(headers: Record<string, string>, key: string): boolean {
  return headers.authorization === `Bearer ${key}` || headers['x-api-key'] === key;
}

function lastUserText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message: unknown = messages[i];
    if (typeof message !== 'object' || message === null) continue;
    if (!('role' in message) || message.role !== 'user' || !('content' in message)) continue;
    if (typeof message.content === 'string') return message.content;
    if (Array.isArray(message.content)) {
      return message.content
        .map((part: unknown) =>
          typeof part === 'object' && part !== null && 'text' in part && typeof part.text === 'string'
            ? part.text
            : '',
        )
        .join('');
    }
  }
  return '';
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseObject(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ...value };
  } catch {
    // A non-JSON body is recorded as empty; the SDKs never send one.
  }
  return {};
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
