import type { LlmErrorKind, LlmMessage } from './llm-client';

/** Everything a model name and a prompt can ask of the mock; unset fields fall back to the client's options. */
export type MockDirectives = {
  latencyMs?: number;
  /** Probability 0..1 of failing each call. */
  failRate?: number;
  failEvery?: number;
  failKind?: LlmErrorKind;
  /** From the prompt: fail the first `failTimes` identical calls (then succeed); undefined = every time. */
  failTimes?: number;
  /** Set by a prompt `fail=` directive: this call fails whatever the client's rates say. */
  forceFail?: boolean;
  hang?: boolean;
  echo?: boolean;
  json?: boolean;
  words?: number;
  reply?: string;
};

/** `mock-slow` answers in this many ms. */
export const SLOW_LATENCY_MS = 2000;

const ERROR_KINDS: readonly LlmErrorKind[] = [
  'rate_limited',
  'server',
  'timeout',
  'network',
  'auth',
  'bad_request',
  'aborted',
];

function errorKind(value: string): LlmErrorKind | undefined {
  return ERROR_KINDS.find((kind) => kind === value);
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Reads directives from a model name: `mock` followed by dash-separated words, e.g. `mock-slow`,
 * `mock-fail-30`, `mock-fail-every-3`, `mock-ratelimit-50`, `mock-latency-250`, `mock-words-80`, `mock-hang`,
 * `mock-echo`, `mock-json`. Words it does not know (like the `1` of `mock-1`) are ignored, so any name works.
 */
export function modelDirectives(model: string): MockDirectives {
  const words = model.toLowerCase().split('-').slice(1);
  const out: MockDirectives = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    switch (word) {
      case 'slow':
        out.latencyMs = SLOW_LATENCY_MS;
        break;
      case 'fast':
        out.latencyMs = 0;
        break;
      case 'hang':
        out.hang = true;
        break;
      case 'echo':
        out.echo = true;
        break;
      case 'json':
        out.json = true;
        break;
      case 'latency':
      case 'words': {
        const n = count(next);
        if (n === undefined) break;
        if (word === 'latency') out.latencyMs = n;
        else out.words = n;
        i++;
        break;
      }
      case 'fail':
      case 'ratelimit': {
        const kind: LlmErrorKind = word === 'fail' ? 'server' : 'rate_limited';
        if (next === 'every') {
          const n = count(words[i + 2]);
          if (n === undefined || n === 0) break;
          Object.assign(out, { failEvery: n, failKind: kind });
          i += 2;
          break;
        }
        const pct = count(next);
        if (pct === undefined) break;
        Object.assign(out, { failRate: Math.min(pct, 100) / 100, failKind: kind });
        i++;
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** `[[mock:key]]` or `[[mock:key=value]]`, anywhere in any message; the value runs to the closing `]]`. */
const DIRECTIVE = /\[\[mock:([a-z_]+)(?:=([\s\S]*?))?\]\]/gi;

/**
 * Reads directives a workflow author writes into a prompt, e.g. `[[mock:reply=Paris]]`, `[[mock:fail=server:2]]`,
 * `[[mock:latency=800]]`, `[[mock:hang]]`, `[[mock:echo]]`, `[[mock:words=5]]`, `[[mock:json]]`. Later ones win.
 */
export function promptDirectives(messages: readonly LlmMessage[]): MockDirectives {
  const out: MockDirectives = {};
  for (const message of messages) {
    for (const match of message.content.matchAll(DIRECTIVE)) {
      const key = (match[1] ?? '').toLowerCase();
      const value = match[2];
      switch (key) {
        case 'reply':
          out.reply = value ?? '';
          break;
        case 'latency': {
          const n = count(value);
          if (n !== undefined) out.latencyMs = n;
          break;
        }
        case 'words': {
          const n = count(value);
          if (n !== undefined) out.words = n;
          break;
        }
        case 'fail': {
          // `fail=server` fails every time; `fail=server:2` fails the first two identical calls.
          const [kindText = '', timesText] = (value ?? 'server').split(':');
          const kind = errorKind(kindText.trim()) ?? 'server';
          out.forceFail = true;
          out.failKind = kind;
          const times = count(timesText?.trim());
          if (times === undefined) delete out.failTimes;
          else out.failTimes = times;
          break;
        }
        case 'hang':
          out.hang = true;
          break;
        case 'echo':
          out.echo = true;
          break;
        case 'json':
          out.json = true;
          break;
        default:
          break;
      }
    }
  }
  return out;
}

/** A message's text without its mock directives, for echoing and quoting back. */
export function withoutDirectives(text: string): string {
  return text.replace(DIRECTIVE, '').replace(/\s+/g, ' ').trim();
}
