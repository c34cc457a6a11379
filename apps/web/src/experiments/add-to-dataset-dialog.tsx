import { type FormEvent, useEffect, useState } from 'react';
import { Link } from '../app/link';
import { paths } from '../app/routes';
import { useQuery } from '../app/use-query';
import { trpc } from '../trpc/client';
import { describeApiError } from '../trpc/errors';
import { Modal } from '../ui/modal';

const NEW = '__new__';

/** "Add inputs to dataset": appends a finished run's inputs (and, if asked, its outputs as expected). */
export function AddToDatasetDialog({
  workspaceId,
  runId,
  succeeded,
  onDone,
  onClose,
}: {
  workspaceId: string;
  runId: string;
  succeeded: boolean;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const datasets = useQuery(() => trpc.datasets.list.query({ workspaceId }), [workspaceId]);
  const [datasetId, setDatasetId] = useState('');
  const [newName, setNewName] = useState('');
  const [asExpected, setAsExpected] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (datasetId || !datasets.data) return;
    setDatasetId(datasets.data[0]?.id ?? NEW);
  }, [datasets.data, datasetId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      let target = datasetId;
      let name = datasets.data?.find((each) => each.id === datasetId)?.name ?? '';
      if (datasetId === NEW) {
        const created = await trpc.datasets.create.mutate({ workspaceId, name: newName.trim() });
        target = created.id;
        name = created.name;
      }
      const { rowCount } = await trpc.datasets.addRunInputs.mutate({
        datasetId: target,
        runId,
        outputsAsExpected: asExpected,
      });
      onDone(`Added to “${name}” (row ${rowCount}).`);
    } catch (caught) {
      setError(describeApiError(caught).message);
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Add this run’s inputs to a dataset"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form="add-to-dataset"
            className="button button--primary"
            disabled={busy || !datasetId}
          >
            {busy ? 'Adding…' : 'Add row'}
          </button>
        </>
      }
    >
      <form id="add-to-dataset" className="new-xp" onSubmit={submit}>
        <label className="new-xp__field">
          <span className="new-xp__label">Dataset</span>
          <select
            className="input select"
            value={datasetId}
            onChange={(event) => setDatasetId(event.target.value)}
          >
            {datasets.data?.map((each) => (
              <option key={each.id} value={each.id}>
                {each.name} · {each.rowCount} rows
              </option>
            ))}
            <option value={NEW}>+ New dataset…</option>
          </select>
        </label>
        {datasetId === NEW && (
          <label className="new-xp__field">
            <span className="new-xp__label">New dataset name</span>
            <input
              className="input"
              placeholder="e.g. Support questions"
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
            />
          </label>
        )}
        <label className="new-xp__check" title={succeeded ? undefined : 'Only a succeeded run has outputs'}>
          <input
            type="checkbox"
            checked={asExpected}
            disabled={!succeeded}
            onChange={(event) => setAsExpected(event.target.checked)}
          />
          Use this run’s outputs as the expected output
        </label>
        {error && <p className="form-alert">{error}</p>}
        <p className="muted">
          Manage datasets on the <Link to={paths.datasets(workspaceId)}>Datasets page</Link>.
        </p>
      </form>
    </Modal>
  );
}
