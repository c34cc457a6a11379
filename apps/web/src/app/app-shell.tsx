import type { ReactNode } from 'react';
import { Logo } from '../ui/logo';
import { Link } from './link';
import { paths } from './routes';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

export type ShellTab = 'workflows' | 'experiments' | 'datasets' | 'settings';

/** The frame of every signed-in page except the canvas: top bar with switcher, tabs and user menu. */
export function AppShell({
  workspaceId,
  tab,
  children,
}: {
  workspaceId: string | null;
  tab?: ShellTab;
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <header className="topbar">
        <Link to={paths.home()} className="topbar__brand" aria-label="Tandem home">
          <Logo />
          <span className="topbar__product">Tandem</span>
        </Link>
        <span className="topbar__divider" aria-hidden="true" />
        <WorkspaceSwitcher currentId={workspaceId} />
        {workspaceId && (
          <nav className="tabs" aria-label="Workspace">
            <Link
              to={paths.workspace(workspaceId)}
              className="tabs__tab"
              aria-current={tab === 'workflows' ? 'page' : undefined}
            >
              Workflows
            </Link>
            <Link
              to={paths.experiments(workspaceId)}
              className="tabs__tab"
              aria-current={tab === 'experiments' ? 'page' : undefined}
            >
              Experiments
            </Link>
            <Link
              to={paths.datasets(workspaceId)}
              className="tabs__tab"
              aria-current={tab === 'datasets' ? 'page' : undefined}
            >
              Datasets
            </Link>
            <Link
              to={paths.settings(workspaceId)}
              className="tabs__tab"
              aria-current={tab === 'settings' ? 'page' : undefined}
            >
              Settings
            </Link>
          </nav>
        )}
        <div className="topbar__spacer" />
        <UserMenu />
      </header>
      <main className="shell__main">{children}</main>
    </div>
  );
}
