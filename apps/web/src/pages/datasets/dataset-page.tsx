import { useEffect, useMemo, useState } from 'react';
import { navigate } from '../../app/history';
import { Link } from '../../app/link';
import { paths } from '../../app/routes';
import { useQuery } from '../../app/use-query';
import type { DatasetDetail } from '../../experiments/api-types';
import { type DatasetTable, rowsFromTable, tableFromRows } from '../../experiments/dataset-table';
import { DatasetTableEditor } from '../../experiments/dataset-table-editor';
import { ImportDialog } from '../../experiments/import-dialog';
import { trpc, type WorkspaceView } from '../../trpc/client';
import { describeApiError } from '../../trpc/errors';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { PageError, PageLoading } from '../../ui/page-state';
import { relativeTime } from '../../ui/relative-time';
import { useNotify } from '../../ui/toast-context';

const MAX_ROWS = 5000;

/** `/w/:workspaceId/datasets/:datasetId`: the table editor, import, rename, delete. */
export function DatasetPage({ workspace, datasetId }: { workspace: WorkspaceView; datasetId: string }) {
  const detail = useQuery(() => trpc.datasets.get.query({ datasetId, limit: MAX_ROWS }), [datasetId]);
  if (detail.error && !detail.data) {
    return (
      <PageError
        title={detail.error.code === 'NOT_FOUND' ? 'Dataset not found' : 'Could not load the dataset'}
        message={detail.error.message}
        action={
          <Link className="button" to={paths.datasets(workspace.id)}>
            Back to datasets
          </Link>
        }
      />
    );
  }
  if (!detail.data) return <PageLoading label="Loading dataset…" />;
  return <DatasetEditor workspace={workspace} data={detail.data} reload={detail.reload} />;
}

function DatasetEditor({
  workspace,
  data,
  reload,
}: {
  workspace: WorkspaceView;
  data: DatasetDetail;
  reload: () => Promise<void>;
}) {
  const notify = useNotify();
  const canEdit = workspace.role !== 'viewer';
  const { dataset } = data;
  const [table, setTable] = useState<DatasetTable>(() => tableFromRows(data.rows));
  const [saved, setSaved] = useState(() => JSON.stringify(rowsFromTable(tableFromRows(data.rows))));
  // A reload (after an import) replaces the table with the server's rows.
  useEffect(() => {
    const fresh = tableFromRows(data.rows);
    setTable(fresh);
    setSaved(JSON.stringify(rowsFromTable(fresh)));
  }, [data.rows]);
  const current = useMemo(() => JSON.stringify(rowsFromTable(table)), [table]);
  const dirty = current !== saved;
  const [name, setName] = useState(dataset.name);
  const [description, setDescription] = useState(dataset.description);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const rows = rowsFromTable(table);
      const { rowCount } = await trpc.datasets.setRows.mutate({ datasetId: dataset.id, rows });
      setSaved(JSON.stringify(rows));
      notify(`Saved ${rowCount} row${rowCount === 1 ? '' : 's'}.`);
    } catch (caught) {
      const problem = describeApiError(caught);
      setError(
        problem.issues[0]
          ? `${describeIssuePath(problem.issues[0].path)}: ${problem.issues[0].message}`
          : problem.message,
      );
    } finally {
      setSaving(false);
    }
  };
  const saveMeta = async (patch: { name?: string; description?: string }) => {
    try {
      await trpc.datasets.update.mutate({ datasetId: dataset.id, ...patch });
    } catch (caught) {
      notify(describeApiError(caught).message, 'warn');
      setName(dataset.name);
      setDescription(dataset.description);
    }
  };

  return (
    <div className="page page--wide ds-page">
      <nav className="xp-crumbs" aria-label="Breadcrumb">
        <Link to={paths.datasets(workspace.id)}>Datasets</Link>
        <span aria-hidden="true">/</span>
        <span>{name}</span>
      </nav>
      <div className="page__head ds-page__head">
        <div className="ds-page__titles">
          <input
            className="ds-page__name"
            aria-label="Dataset name"
            value={name}
            readOnly={!canEdit}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => {
              if (name.trim() && name !== dataset.name) void saveMeta({ name: name.trim() });
            }}
          />
          <input
            className="ds-page__description"
            aria-label="Description"
            placeholder={canEdit ? 'Add a description…' : ''}
            value={description}
            readOnly={!canEdit}
            onChange={(event) => setDescription(event.target.value)}
            onBlur={() => {
              if (description !== dataset.description) void saveMeta({ description });
            }}
          />
          <p className="page__subtitle">
            {table.rows.length} row{table.rows.length === 1 ? '' : 's'} · {table.columns.length} input
            {table.columns.length === 1 ? '' : 's'} · updated {relativeTime(dataset.updatedAt)}
          </p>
        </div>
        {canEdit && (
          <div className="page__actions">
            <button type="button" className="button button--ghost" onClick={() => setDeleting(true)}>
              Delete
            </button>
            <button type="button" className="button" onClick={() => setImporting(true)}>
              Import CSV / JSON
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={!dirty || saving}
              onClick={() => void save()}
            >
              {saving ? 'Saving…' : dirty ? 'Save changes' : 'Saved'}
            </button>
          </div>
        )}
      </div>
      {error && (
        <p className="form-alert" role="alert">
          {error}
        </p>
      )}
      <DatasetTableEditor table={table} onChange={setTable} readOnly={!canEdit} />
      <p className="muted ds-page__hint">
        Cells are text. A cell that holds a JSON object or array (<code>{'{"lang":"en"}'}</code>) is saved as
        that value. An empty “expected” means the row has no expected output.
      </p>
      {importing && (
        <ImportDialog
          datasetId={dataset.id}
          unsaved={dirty}
          onClose={() => setImporting(false)}
          onImported={(message) => {
            setImporting(false);
            notify(message);
            void reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${dataset.name}”?`}
          confirmLabel="Delete dataset"
          onCancel={() => setDeleting(false)}
          onConfirm={async () => {
            try {
              await trpc.datasets.delete.mutate({ datasetId: dataset.id });
              navigate(paths.datasets(workspace.id));
            } catch (caught) {
              notify(describeApiError(caught).message, 'warn');
              setDeleting(false);
            }
          }}
        >
          Its {dataset.rowCount} rows go. Experiments that ran on it keep their results.
        </ConfirmDialog>
      )}
    </div>
  );
}

/** `rows.3.inputs.question` → "Row 4, question". */
function describeIssuePath(path: string): string {
  const match = /^rows\.(\d+)(?:\.inputs\.?(.*))?/.exec(path);
  if (!match) return path;
  return `Row ${Number(match[1]) + 1}${match[2] ? `, ${match[2]}` : ''}`;
}
