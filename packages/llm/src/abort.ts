import { LlmError } from './llm-client';

/** The one error every adapter throws for a cancelled call, so the engine can tell "cancelled" from "failed". */
export function abortedError(): LlmError {
  return new LlmError('aborted', 'The call was cancelled.');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError();
}

/** Resolves after `ms`, or rejects with an `aborted` LlmError as soon as `signal` fires (the timer is cleared). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Never resolves; rejects with an `aborted` LlmError when `signal` fires. Without a signal it waits forever. */
export function waitForAbort(signal: AbortSignal | undefined): Promise<never> {
  throwIfAborted(signal);
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(abortedError()), { once: true });
  });
}
