import { type FormEvent, useCallback, useRef, useState } from 'react';
import { trpc } from '../trpc/client';
import { describeApiError, fieldErrors } from '../trpc/errors';
import { useNotify } from '../ui/toast-context';
import { useDismiss } from '../ui/use-dismiss';
import { navigate } from './history';
import { paths } from './routes';
import { useWorkspaces } from './workspaces';

/** The current workspace's name; opens the list of the user's workspaces and a "new workspace" form. */
export function WorkspaceSwitcher({ currentId }: { currentId: string | null }) {
  const { list, upsert } = useWorkspaces();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => {
    setOpen(false);
    setCreating(false);
    setError(undefined);
  }, []);
  useDismiss(ref, open, close);
  const current = list?.find((workspace) => workspace.id === currentId);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const workspace = await trpc.workspaces.create.mutate({ name });
      upsert(workspace);
      setName('');
      close();
      navigate(paths.workspace(workspace.id));
      notify(`Created ${workspace.name}.`, 'ok');
    } catch (caught) {
      const problem = describeApiError(caught);
      setError(fieldErrors(problem.issues).name ?? problem.message);
    }
  };

  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        className="switcher"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <span className="switcher__mark" aria-hidden="true">
          {(current?.name ?? '·').slice(0, 1).toUpperCase()}
        </span>
        <span className="switcher__name">{current?.name ?? 'Workspaces'}</span>
        <span className="switcher__chevron" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="popover" role="menu" aria-label="Workspaces">
          <div className="popover__label">Workspaces</div>
          {(list ?? []).map((workspace) => (
            <button
              key={workspace.id}
              type="button"
              role="menuitemradio"
              aria-checked={workspace.id === currentId}
              className={`popover__item${workspace.id === currentId ? ' is-current' : ''}`}
              onClick={() => {
                close();
                navigate(paths.workspace(workspace.id));
              }}
            >
              <span className="popover__item-main">{workspace.name}</span>
              <span className="role-tag">{workspace.role}</span>
            </button>
          ))}
          <div className="popover__divider" />
          {creating ? (
            <form className="popover__form" onSubmit={create} noValidate>
              <input
                className="input"
                aria-label="New workspace name"
                placeholder="Workspace name"
                value={name}
                onChange={(event) => setName(event.target.value)}
                aria-invalid={error ? true : undefined}
                // biome-ignore lint/a11y/noAutofocus: the form opens because the user asked for it
                autoFocus
              />
              {error && <p className="tfield__error">{error}</p>}
              <div className="popover__form-actions">
                <button type="button" className="button button--small" onClick={() => setCreating(false)}>
                  Cancel
                </button>
                <button type="submit" className="button button--primary button--small">
                  Create
                </button>
              </div>
            </form>
          ) : (
            <button type="button" role="menuitem" className="popover__item" onClick={() => setCreating(true)}>
              + New workspace
            </button>
          )}
        </div>
      )}
    </div>
  );
}
