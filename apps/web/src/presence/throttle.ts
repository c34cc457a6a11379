/**
 * Calls `run` at most once per `ms`, always with the latest value (the last call is never lost: it runs at
 * the end of the window). `cancel` drops a pending call.
 */
export function throttle<T>(
  run: (value: T) => void,
  ms: number,
): { call: (value: T) => void; cancel: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let pending: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = Date.now();
    run(value);
  };
  return {
    call(value) {
      pending = { value };
      const wait = last + ms - Date.now();
      if (wait <= 0 && timer === null) flush();
      else if (timer === null) timer = setTimeout(flush, Math.max(0, wait));
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
