import { type FormEvent, useState } from 'react';
import { navigate } from '../../app/history';
import { Link } from '../../app/link';
import { paths } from '../../app/routes';
import { useQuery } from '../../app/use-query';
import { trpc, type WorkspaceView } from '../../trpc/client';
import { describeApiError, fieldErrors } from '../../trpc/errors';
import { PageError } from '../../ui/page-state';
import { relativeTime } from '../../ui/relative-time';

/** `/w/:workspaceId/datasets`: the inputs experiments run on. */
export function DatasetsPage({ workspace }: { workspace: WorkspaceView }) {
  const datasets = useQuery(() => trpc.datasets.list.query({ workspaceId: workspace.id }), [workspace.id]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const canEdit = workspace.role !== 'viewer';

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const dataset = await trpc.datasets.create.mutate({ workspaceId: workspace.id, name: name.trim() });
      navigate(paths.dataset(workspace.id, dataset.id));
    } catch (caught) {
      const problem = describeApiError(caught);
      setError(fieldErrors(problem.issues).name ?? problem.message);
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page__title">Datasets</h1>
          <p className="page__subtitle">
            Rows of inputs (and, optionally, the output you expect) to run experiments on.
          </p>
        </div>
        {canEdit && (
          <div className="page__actions">
            <form className="inline-create" onSubmit={create} noValidate>
              <input
                className="input"
                placeholder="New dataset name"
                aria-label="New dataset name"
                value={name}
                onChange={(event) => {
                  setName(event.target.value);
                  setError(undefined);
                }}
                aria-invalid={error ? true : undefined}
              />
              <button type="submit" className="button button--primary" disabled={busy}>
                + New dataset
              </button>
              {error && <span className="tfield__error">{error}</span>}
            </form>
          </div>
        )}
      </div>
      {datasets.error && !datasets.data ? (
        <PageError title="Could not load datasets" message={datasets.error.message} />
      ) : !datasets.data ? (
        <p className="muted">Loading datasets…</p>
      ) : datasets.data.length === 0 ? (
        <div className="xp-empty">
          <div className="xp-empty__art ds-empty-art" aria-hidden="true">
            <span />
            <span />
            <span />
          </div>
          <h2>No datasets yet</h2>
          <p className="muted">
            Name one above, then type rows, import a CSV or JSON file, or add a run’s inputs from the canvas.
          </p>
        </div>
      ) : (
        <div className="xp-list ds-list">
          <div className="xp-list__head ds-list__head" aria-hidden="true">
            <span>Dataset</span>
            <span>Rows</span>
            <span>Updated</span>
          </div>
          {datasets.data.map((dataset) => (
            <Link
              key={dataset.id}
              to={paths.dataset(workspace.id, dataset.id)}
              className="xp-list__row ds-list__row"
            >
              <span className="xp-list__main">
                <span className="xp-list__name">{dataset.name}</span>
                {dataset.description && <span className="xp-list__meta">{dataset.description}</span>}
              </span>
              <span className="ds-list__count">{dataset.rowCount}</span>
              <span className="muted">{relativeTime(dataset.updatedAt)}</span>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
