import type { ReactNode } from 'react';

/** Full-area loading indicator. */
export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="page-state" role="status" aria-live="polite">
      <span className="loading__spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** Full-area error with an optional way out (retry, go back). */
export function PageError({
  title,
  message,
  action,
}: {
  title: string;
  message: string;
  action?: ReactNode;
}) {
  return (
    <div className="page-state page-state--error" role="alert">
      <h2>{title}</h2>
      <p>{message}</p>
      {action}
    </div>
  );
}
