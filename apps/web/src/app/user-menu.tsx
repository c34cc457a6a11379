import { useCallback, useRef, useState } from 'react';
import { ThemeMenuItems } from '../chrome/theme-menu';
import { describeApiError } from '../trpc/errors';
import { Avatar } from '../ui/avatar';
import { useNotify } from '../ui/toast-context';
import { useDismiss } from '../ui/use-dismiss';
import { navigate } from './history';
import { paths } from './routes';
import { useSession, useUser } from './session';

export function UserMenu() {
  const user = useUser();
  const { logout } = useSession();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);

  const signOut = async (everywhere: boolean) => {
    setOpen(false);
    try {
      await logout(everywhere);
      navigate(paths.login(), { replace: true });
      if (everywhere) notify('Logged out on every device.', 'ok');
    } catch (error) {
      notify(describeApiError(error).message, 'warn');
    }
  };

  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        className="user-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Account: ${user.name}`}
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar name={user.name} color={user.color} size={28} />
      </button>
      {open && (
        <div className="popover popover--right" role="menu">
          <div className="popover__header">
            <strong>{user.name}</strong>
            <span>{user.email}</span>
          </div>
          <ThemeMenuItems />
          <div className="popover__divider" />
          <button type="button" role="menuitem" className="popover__item" onClick={() => void signOut(false)}>
            Log out
          </button>
          <button type="button" role="menuitem" className="popover__item" onClick={() => void signOut(true)}>
            Log out everywhere
          </button>
        </div>
      )}
    </div>
  );
}
