import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';

export type ToastTone = 'info' | 'warn' | 'ok';
type Toast = { id: number; message: string; tone: ToastTone };
export type AppNotify = (message: string, tone?: ToastTone) => void;

const VISIBLE_MS = 4200;
const MAX_TOASTS = 3;

const ToastContext = createContext<AppNotify>(() => {});

/** App-wide toasts (failures of calls, confirmations), stacked bottom-centre, newest last. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const notify = useCallback<AppNotify>((message, tone = 'info') => {
    next.current += 1;
    const toast = { id: next.current, message, tone };
    setToasts((current) => [...current.filter((t) => t.message !== message), toast].slice(-MAX_TOASTS));
  }, []);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      <div className="app-toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <ToastItem
            key={toast.id}
            toast={toast}
            onDone={() => setToasts((current) => current.filter((t) => t.id !== toast.id))}
          />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDone }: { toast: Toast; onDone: () => void }) {
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    const timer = setTimeout(() => done.current(), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className={`toast toast--${toast.tone}`}>
      <span>{toast.message}</span>
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={onDone}>
        ×
      </button>
    </div>
  );
}

export function useNotify(): AppNotify {
  return useContext(ToastContext);
}
