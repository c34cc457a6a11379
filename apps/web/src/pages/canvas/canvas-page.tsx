import { useEffect, useState } from 'react';
import { useLocation } from '../../app/history';
import { Link } from '../../app/link';
import { paths } from '../../app/routes';
import { useUser } from '../../app/session';
import { useQuery } from '../../app/use-query';
import { UserMenu } from '../../app/user-menu';
import { ConnectionStatus } from '../../collab/connection-status';
import { useWorkflowSession, type WorkflowSession } from '../../collab/use-workflow-session';
import { WorkflowEditor } from '../../editor/workflow-editor';
import { PresenceAvatars } from '../../presence/presence-avatars';
import { PresenceLayer } from '../../presence/presence-layer';
import type { Collaborator } from '../../presence/presence-state';
import { useCollaborators } from '../../presence/use-collaborators';
import { trpc, type WorkspaceView } from '../../trpc/client';
import { Logo } from '../../ui/logo';
import { PageError, PageLoading } from '../../ui/page-state';
import { CanvasBanner } from './canvas-banner';
import { RefusalOverlay } from './refusal-overlay';
import { useWorkbench } from './workbench';

/** `/w/:workspaceId/f/:workflowId`: the live canvas. */
export function CanvasPage({ workspace, workflowId }: { workspace: WorkspaceView; workflowId: string }) {
  const workflow = useQuery(() => trpc.workflows.get.query({ workflowId }), [workflowId]);
  if (workflow.error) {
    return (
      <PageError
        title={workflow.error.code === 'NOT_FOUND' ? 'Workflow not found' : 'Could not open this workflow'}
        message={workflow.error.message}
        action={
          <Link className="button" to={paths.workspace(workspace.id)}>
            Back to workflows
          </Link>
        }
      />
    );
  }
  if (!workflow.data) return <PageLoading label="Opening workflow…" />;
  return (
    <LiveCanvas
      workspace={workspace}
      workflowId={workflowId}
      name={workflow.data.name}
      viewer={workflow.data.role === 'viewer'}
      pinnedVersionId={workflow.data.pinnedVersionId}
    />
  );
}

function LiveCanvas({
  workspace,
  workflowId,
  name,
  viewer,
  pinnedVersionId,
}: {
  workspace: WorkspaceView;
  workflowId: string;
  name: string;
  viewer: boolean;
  pinnedVersionId: string | null;
}) {
  const user = useUser();
  const { href } = useLocation();
  const session = useWorkflowSession({ workflowId, userId: user.id, initialReadOnly: viewer });
  const awareness = session?.awareness ?? null;
  const collaborators = useCollaborators(awareness);
  const [following, setFollowing] = useState<string | null>(null);

  // Identity for others: the server overwrites `user` with the session's, this is what it will say anyway.
  useEffect(() => {
    if (!awareness) return;
    awareness.setLocalState({
      user: { id: user.id, name: user.name, color: user.color },
      cursor: null,
      selection: [],
      viewport: null,
      following: null,
    });
  }, [awareness, user.id, user.name, user.color]);

  if (!session) return <PageLoading label="Opening workflow…" />;
  const self = { id: user.id, name: user.name, color: user.color };
  return (
    <SessionCanvas
      session={session}
      workspace={workspace}
      workflowId={workflowId}
      name={name}
      self={self}
      pinnedVersionId={pinnedVersionId}
      collaborators={collaborators}
      following={following}
      onFollow={setFollowing}
      here={href}
    />
  );
}

function SessionCanvas({
  session,
  workspace,
  workflowId,
  name,
  self,
  pinnedVersionId,
  collaborators,
  following,
  onFollow: setFollowing,
  here: href,
}: {
  session: WorkflowSession;
  workspace: WorkspaceView;
  workflowId: string;
  name: string;
  self: { id: string; name: string; color: string };
  pinnedVersionId: string | null;
  collaborators: Collaborator[];
  following: string | null;
  onFollow: (userId: string | null) => void;
  here: string;
}) {
  const awareness = session.awareness;
  const workbench = useWorkbench({ session, workflowId, workspaceId: workspace.id, self, pinnedVersionId });
  return (
    <div className="canvas-page">
      <WorkflowEditor
        doc={session.doc}
        readOnly={session.readOnly}
        loading={!session.ready}
        {...workbench.editorProps}
        loadingLabel={
          session.connection === 'offline' ? 'Offline — waiting for a connection…' : 'Connecting…'
        }
        topBar={{
          title: name,
          leading: (
            <Link
              to={paths.workspace(workspace.id)}
              className="topbar__brand topbar__back"
              title="Back to workflows"
            >
              <Logo />
              <span className="topbar__crumb">{workspace.name}</span>
            </Link>
          ),
          trailing: (
            <>
              {workbench.buttons}
              <span className="topbar__divider" aria-hidden="true" />
              <PresenceAvatars
                self={self}
                collaborators={collaborators}
                following={following}
                onFollow={setFollowing}
              />
              <ConnectionStatus state={session.connection} unsynced={session.unsyncedChanges} />
              <UserMenu />
            </>
          ),
        }}
        banner={
          <CanvasBanner
            refusal={session.refusal}
            offlineCopy={session.offlineCopy}
            problems={session.problems}
          />
        }
        canvasChildren={
          <>
            {workbench.editorProps.canvasChildren}
            {awareness && (
              <PresenceLayer
                awareness={awareness}
                collaborators={collaborators}
                following={following}
                onFollowChange={setFollowing}
              />
            )}
          </>
        }
      />
      {session.refusal?.terminal && (
        <RefusalOverlay refusal={session.refusal} workspaceId={workspace.id} here={href} />
      )}
      {workbench.dialogs}
    </div>
  );
}
