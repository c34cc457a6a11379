import { type FormEvent, useState } from 'react';
import { navigate } from '../../app/history';
import { paths } from '../../app/routes';
import { useQuery } from '../../app/use-query';
import { trpc, type WorkflowView, type WorkspaceView } from '../../trpc/client';
import { describeApiError, fieldErrors } from '../../trpc/errors';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { downloadJson, exportFileName } from '../../ui/download';
import { PageError, PageLoading } from '../../ui/page-state';
import { useNotify } from '../../ui/toast-context';
import { ImportButton } from './import-button';
import { WorkflowRow, type WorkflowRowActions } from './workflow-row';

const byRecent = (a: WorkflowView, b: WorkflowView) => b.updatedAt.localeCompare(a.updatedAt);

/** `/w/:workspaceId`: the workspace's workflows. */
export function WorkflowListPage({ workspace }: { workspace: WorkspaceView }) {
  const notify = useNotify();
  const query = useQuery(() => trpc.workflows.list.query({ workspaceId: workspace.id }), [workspace.id]);
  const [newName, setNewName] = useState('');
  const [createError, setCreateError] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<WorkflowView | null>(null);
  const canEdit = workspace.role !== 'viewer';
  const upsert = (workflow: WorkflowView) =>
    query.setData((list) => [workflow, ...(list ?? []).filter((w) => w.id !== workflow.id)]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreating(true);
    try {
      const workflow = await trpc.workflows.create.mutate({
        workspaceId: workspace.id,
        name: newName.trim() || 'Untitled workflow',
      });
      navigate(paths.workflow(workspace.id, workflow.id));
    } catch (error) {
      const problem = describeApiError(error);
      setCreateError(fieldErrors(problem.issues).name ?? problem.message);
      setCreating(false);
    }
  };

  const actions: WorkflowRowActions = {
    rename: async (workflow, name) => {
      try {
        upsert(await trpc.workflows.rename.mutate({ workflowId: workflow.id, name }));
        return null;
      } catch (error) {
        const problem = describeApiError(error);
        return fieldErrors(problem.issues).name ?? problem.message;
      }
    },
    duplicate: async (workflow) => {
      try {
        const copy = await trpc.workflows.duplicate.mutate({ workflowId: workflow.id });
        upsert(copy);
        notify(`Duplicated as “${copy.name}”.`, 'ok');
      } catch (error) {
        notify(describeApiError(error).message, 'warn');
      }
    },
    exportJson: async (workflow) => {
      try {
        const { definition, problems } = await trpc.workflows.export.query({ workflowId: workflow.id });
        downloadJson(exportFileName(workflow.name), definition);
        if (problems.length > 0) notify(`Exported a draft with ${problems.length} problem(s).`, 'warn');
      } catch (error) {
        notify(describeApiError(error).message, 'warn');
      }
    },
    remove: (workflow) => setDeleting(workflow),
  };

  const list = query.data ? [...query.data].sort(byRecent) : undefined;

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page__title">Workflows</h1>
          <p className="page__subtitle">
            {workspace.name} · you are {workspace.role === 'viewer' ? 'a viewer' : `an ${workspace.role}`}
            {workspace.role === 'viewer' ? ' (view only)' : ''}
          </p>
        </div>
        {canEdit && (
          <div className="page__actions">
            <ImportButton workspaceId={workspace.id} onImported={upsert} />
            <form className="inline-create" onSubmit={create} noValidate>
              <input
                className="input"
                placeholder="New workflow name"
                aria-label="New workflow name"
                value={newName}
                onChange={(event) => {
                  setNewName(event.target.value);
                  setCreateError(undefined);
                }}
                aria-invalid={createError ? true : undefined}
              />
              <button type="submit" className="button button--primary" disabled={creating}>
                + New workflow
              </button>
              {createError && <span className="tfield__error">{createError}</span>}
            </form>
          </div>
        )}
      </div>
      {query.error && !list ? (
        <PageError
          title="Could not load workflows"
          message={query.error.message}
          action={
            <button type="button" className="button" onClick={() => void query.reload()}>
              Try again
            </button>
          }
        />
      ) : !list ? (
        <PageLoading label="Loading workflows…" />
      ) : list.length === 0 ? (
        <div className="empty-list">
          <h2>No workflows yet</h2>
          <p>
            {canEdit
              ? 'Create one above, or import a JSON export. Everyone in the workspace can open it and edit with you live.'
              : 'When an editor creates a workflow it will show up here.'}
          </p>
        </div>
      ) : (
        <ul className="wf-list" aria-label="Workflows">
          {list.map((workflow) => (
            <WorkflowRow key={workflow.id} workflow={workflow} canEdit={canEdit} actions={actions} />
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete workflow"
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            try {
              await trpc.workflows.delete.mutate({ workflowId: deleting.id });
              query.setData((current) => current?.filter((w) => w.id !== deleting.id));
              notify(`Deleted “${deleting.name}”.`, 'ok');
            } catch (error) {
              notify(describeApiError(error).message, 'warn');
            }
            setDeleting(null);
          }}
        >
          <p>
            It disappears for everyone in the workspace, and anyone who has it open loses access. Export it
            first if you might want it back.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
