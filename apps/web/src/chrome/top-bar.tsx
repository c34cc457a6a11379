import type { ReactNode } from 'react';
import type { WorkflowSnapshot } from '../canvas/workflow-snapshot';
import { Logo } from '../ui/logo';
import { Icon } from './icons';
import { ValidationBadge } from './validation-badge';

export type TopBarSlots = {
  /** Replaces the brand (e.g. a way back to the workspace). */
  leading?: ReactNode;
  /** The workflow's name when something other than the doc knows it better (the api's row). */
  title?: string;
  /** After the validation badge: presence, connection status, the user menu. */
  trailing?: ReactNode;
};

export function TopBar({
  snapshot,
  readOnly = false,
  leading,
  title,
  trailing,
}: { snapshot: WorkflowSnapshot; readOnly?: boolean } & TopBarSlots) {
  const { meta, nodes, edges } = snapshot.graph;
  return (
    <header className="topbar">
      {leading ?? (
        <div className="topbar__brand">
          <Logo />
          <span className="topbar__product">Tandem</span>
        </div>
      )}
      <span className="topbar__divider" aria-hidden="true" />
      <div className="topbar__doc">
        <h1 className="topbar__name" title={meta.description || undefined}>
          {title ?? (meta.name || 'Untitled workflow')}
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
      {trailing}
    </header>
  );
}
