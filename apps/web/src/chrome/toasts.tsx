import { useCallback, useEffect, useRef, useState } from 'react';

export type Notify = (message: string, tone?: 'info' | 'warn') => void;

type Toast = { id: number; message: string; tone: 'info' | 'warn' };

const VISIBLE_MS = 2400;

/** One short-lived status line at a time (a newer message replaces the older one). */
export function useToasts(): { toast: Toast | null; notify: Notify } {
  const [toast, setToast] = useState<Toast | null>(null);
  const next = useRef(0);
  const notify = useCallback<Notify>((message, tone = 'info') => {
    next.current += 1;
    setToast({ id: next.current, message, tone });
  }, []);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(
      () => setToast((current) => (current?.id === toast.id ? null : current)),
      VISIBLE_MS,
    );
    return () => clearTimeout(timer);
  }, [toast]);
  return { toast, notify };
}

export function ToastRegion({ toast }: { toast: Toast | null }) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toast && (
        <div key={toast.id} className={`toast toast--${toast.tone}`}>
          {toast.message}
        </div>
      )}
    </div>
  );
}
