import { type FormEvent, useCallback, useRef, useState } from 'react';
import { Link } from '../../app/link';
import { paths } from '../../app/routes';
import type { WorkflowView } from '../../trpc/client';
import { relativeTime } from '../../ui/relative-time';
import { useDismiss } from '../../ui/use-dismiss';

export type WorkflowRowActions = {
  rename: (workflow: WorkflowView, name: string) => Promise<string | null>;
  duplicate: (workflow: WorkflowView) => void;
  exportJson: (workflow: WorkflowView) => void;
  remove: (workflow: WorkflowView) => void;
};

/** One workflow in the list: opens on click; rename inline; a menu for the rest. */
export function WorkflowRow({
  workflow,
  canEdit,
  actions,
}: {
  workflow: WorkflowView;
  canEdit: boolean;
  actions: WorkflowRowActions;
}) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(workflow.name);
  const [error, setError] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  useDismiss(menuRef, menuOpen, closeMenu);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === workflow.name) {
      setRenaming(false);
      return;
    }
    const problem = await actions.rename(workflow, name);
    setError(problem);
    if (problem === null) setRenaming(false);
  };

  const menuItem = (label: string, run: () => void, danger = false) => (
    <button
      type="button"
      role="menuitem"
      className={`popover__item${danger ? ' popover__item--danger' : ''}`}
      onClick={() => {
        setMenuOpen(false);
        run();
      }}
    >
      {label}
    </button>
  );

  return (
    <li className="wf-row" data-testid="workflow-row">
      <span className="wf-row__icon" aria-hidden="true">
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          width="18"
          height="18"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <rect x="3" y="4" width="6" height="6" rx="1.5" />
          <rect x="15" y="14" width="6" height="6" rx="1.5" />
          <path d="M9 7h3a2 2 0 0 1 2 2v6a2 2 0 0 0 2 2" />
        </svg>
      </span>
      {renaming ? (
        <form className="wf-row__rename" onSubmit={submit} noValidate>
          <input
            className="input"
            aria-label="Workflow name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={error ? true : undefined}
            // biome-ignore lint/a11y/noAutofocus: renaming was just asked for
            autoFocus
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setName(workflow.name);
                setError(null);
                setRenaming(false);
              }
            }}
          />
          <button type="submit" className="button button--primary button--small">
            Save
          </button>
          {error && <span className="tfield__error">{error}</span>}
        </form>
      ) : (
        <Link className="wf-row__name" to={paths.workflow(workflow.workspaceId, workflow.id)}>
          {workflow.name}
        </Link>
      )}
      <span className="wf-row__meta">Edited {relativeTime(workflow.updatedAt)}</span>
      <div className="menu-anchor" ref={menuRef}>
        <button
          type="button"
          className="icon-button"
          aria-label={`Actions for ${workflow.name}`}
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          onClick={() => setMenuOpen((open) => !open)}
        >
          ⋯
        </button>
        {menuOpen && (
          <div className="popover popover--right" role="menu">
            {canEdit &&
              menuItem('Rename', () => {
                setName(workflow.name);
                setRenaming(true);
              })}
            {canEdit && menuItem('Duplicate', () => actions.duplicate(workflow))}
            {menuItem('Export JSON', () => actions.exportJson(workflow))}
            {canEdit && menuItem('Delete…', () => actions.remove(workflow), true)}
          </div>
        )}
      </div>
    </li>
  );
}
