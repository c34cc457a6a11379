import { Screens } from './app/screens';
import { SessionProvider } from './app/session';
import { ToastProvider } from './ui/toast-context';

export function App() {
  return (
    <ToastProvider>
      <SessionProvider>
        <Screens />
      </SessionProvider>
    </ToastProvider>
  );
}
