import type { WorkflowSnapshot } from '../canvas/workflow-snapshot';
import { Icon } from './icons';
import { ValidationBadge } from './validation-badge';

function Logo() {
  return (
    <svg className="topbar__logo" viewBox="0 0 32 32" width="24" height="24" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <circle cx="12.5" cy="16" r="5" fill="#fff" />
      <circle cx="20" cy="16" r="5" fill="none" stroke="#fff" strokeWidth="2.4" />
    </svg>
  );
}

export function TopBar({ snapshot, readOnly = false }: { snapshot: WorkflowSnapshot; readOnly?: boolean }) {
  const { meta, nodes, edges } = snapshot.graph;
  return (
    <header className="topbar">
      <div className="topbar__brand">
        <Logo />
        <span className="topbar__product">Tandem</span>
      </div>
      <span className="topbar__divider" aria-hidden="true" />
      <div className="topbar__doc">
        <h1 className="topbar__name" title={meta.description || undefined}>
          {meta.name || 'Untitled workflow'}
        </h1>
        <span className="topbar__status">Draft</span>
        {readOnly && (
          <span
            className="topbar__readonly"
            title="You can look around, select nodes and copy, but not edit."
          >
            <Icon name="eye" size={14} />
            View only
          </span>
        )}
      </div>
      <div className="topbar__spacer" />
      <span className="topbar__stats">
        {nodes.length} nodes · {edges.length} edges
      </span>
      <ValidationBadge problems={snapshot.problems} />
    </header>
  );
}
