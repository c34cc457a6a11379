import { type FormEvent, useEffect, useState } from 'react';
import { navigate } from '../app/history';
import { paths } from '../app/routes';
import { useQuery } from '../app/use-query';
import { trpc } from '../trpc/client';
import { describeApiError, fieldErrors } from '../trpc/errors';
import { Modal } from '../ui/modal';
import { EvaluatorBuilder } from './evaluator-builder';
import { buildEvaluators, type EvaluatorDraft, newEvaluatorDraft } from './evaluator-form';
import { versionLabel } from './version-label';

const KEYS = ['A', 'B', 'C', 'D'];

/** "New experiment": a workflow's versions × a dataset × repetitions, with the evaluators that score them. */
export function NewExperimentDialog({
  workspaceId,
  initialWorkflowId,
  onClose,
}: {
  workspaceId: string;
  initialWorkflowId?: string;
  onClose: () => void;
}) {
  const workflows = useQuery(() => trpc.workflows.list.query({ workspaceId: workspaceId }), [workspaceId]);
  const datasets = useQuery(() => trpc.datasets.list.query({ workspaceId: workspaceId }), [workspaceId]);
  const [workflowId, setWorkflowId] = useState(initialWorkflowId ?? '');
  const versions = useQuery(
    () => (workflowId ? trpc.versions.list.query({ workflowId }) : Promise.resolve([])),
    [workflowId],
  );
  const [name, setName] = useState('');
  const [versionIds, setVersionIds] = useState<string[]>(['', '']);
  const [datasetId, setDatasetId] = useState('');
  const [repetitions, setRepetitions] = useState('1');
  const [concurrency, setConcurrency] = useState('4');
  const [drafts, setDrafts] = useState<EvaluatorDraft[]>(() => [newEvaluatorDraft('exact', [])]);
  const [startNow, setStartNow] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [evaluatorErrors, setEvaluatorErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!workflowId && workflows.data?.[0]) setWorkflowId(workflows.data[0].id);
  }, [workflows.data, workflowId]);
  useEffect(() => {
    if (!datasetId && datasets.data?.[0]) setDatasetId(datasets.data[0].id);
  }, [datasets.data, datasetId]);
  // Newest first from the api: compare the previous version (A, the baseline) with the latest (B).
  useEffect(() => {
    const list = versions.data;
    if (!list) return;
    setVersionIds([list[1]?.id ?? '', list[0]?.id ?? '']);
  }, [versions.data]);

  const dataset = datasets.data?.find((each) => each.id === datasetId);
  const reps = Number(repetitions) || 0;
  const totalRuns = (dataset?.rowCount ?? 0) * versionIds.length * reps;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!workflowId) next.workflowId = 'Choose a workflow.';
    if (!datasetId) next.datasetId = 'Choose a dataset (make one on the Datasets page).';
    versionIds.forEach((id, index) => {
      if (!id) next[`versionIds.${index}`] = 'Choose a version.';
      else if (versionIds.indexOf(id) !== index) next[`versionIds.${index}`] = 'Choose a different version.';
    });
    const built = buildEvaluators(drafts);
    setEvaluatorErrors(built.ok ? {} : built.errors);
    setErrors(next);
    if (Object.keys(next).length > 0 || !built.ok) return;
    setBusy(true);
    try {
      const created = await trpc.experiments.create.mutate({
        workflowId,
        name: name.trim() || `${versionIds.map((id) => versionLabel(versions.data, id, true)).join(' vs ')}`,
        datasetId,
        versionIds,
        repetitions: Number(repetitions),
        concurrency: Number(concurrency),
        evaluators: built.evaluators,
        start: startNow,
      });
      navigate(paths.experiment(workspaceId, created.experiment.id));
    } catch (caught) {
      const problem = describeApiError(caught);
      const fields = fieldErrors(problem.issues);
      setErrors({ ...fields, form: Object.keys(fields).length > 0 ? '' : problem.message });
      setBusy(false);
    }
  };

  return (
    <Modal
      title="New experiment"
      onClose={onClose}
      width={760}
      footer={
        <>
          <span className="new-xp__total muted">
            {dataset
              ? `${dataset.rowCount} rows × ${versionIds.length} versions × ${reps || '?'} = ${totalRuns} runs`
              : ''}
          </span>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="new-experiment" className="button button--primary" disabled={busy}>
            {busy ? 'Creating…' : startNow ? 'Create and start' : 'Create draft'}
          </button>
        </>
      }
    >
      <form id="new-experiment" className="new-xp" onSubmit={submit} noValidate>
        {errors.form && <p className="form-alert">{errors.form}</p>}
        <label className="new-xp__field">
          <span className="new-xp__label">Name</span>
          <input
            className="input"
            placeholder="e.g. Shorter prompt vs current"
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <div className="new-xp__grid">
          <label className="new-xp__field">
            <span className="new-xp__label">Workflow</span>
            <select
              className="input select"
              value={workflowId}
              onChange={(event) => setWorkflowId(event.target.value)}
            >
              {!workflowId && <option value="">Choose…</option>}
              {workflows.data?.map((workflow) => (
                <option key={workflow.id} value={workflow.id}>
                  {workflow.name}
                </option>
              ))}
            </select>
            {errors.workflowId && <span className="tfield__error">{errors.workflowId}</span>}
          </label>
          <label className="new-xp__field">
            <span className="new-xp__label">Dataset</span>
            <select
              className="input select"
              value={datasetId}
              onChange={(event) => setDatasetId(event.target.value)}
            >
              {!datasetId && (
                <option value="">{datasets.data?.length === 0 ? 'No datasets yet' : 'Choose…'}</option>
              )}
              {datasets.data?.map((each) => (
                <option key={each.id} value={each.id}>
                  {each.name} · {each.rowCount} rows
                </option>
              ))}
            </select>
            {errors.datasetId && <span className="tfield__error">{errors.datasetId}</span>}
          </label>
        </div>
        <div className="new-xp__field">
          <span className="new-xp__label">Versions to compare</span>
          {versions.data?.length !== undefined && versions.data.length < 2 && (
            <p className="form-alert form-alert--warn">
              This workflow has {versions.data.length} saved version{versions.data.length === 1 ? '' : 's'}.
              Save at least two from the canvas’s Versions panel.
            </p>
          )}
          <div className="new-xp__variants">
            {versionIds.map((id, index) => (
              <div key={KEYS[index]} className="new-xp__variant">
                <span className={`variant-key variant-key--${['a', 'b', 'c', 'd'][index]}`}>
                  {KEYS[index]}
                </span>
                <select
                  className="input select"
                  aria-label={`Version ${KEYS[index]}`}
                  value={id}
                  onChange={(event) =>
                    setVersionIds(versionIds.map((each, at) => (at === index ? event.target.value : each)))
                  }
                >
                  <option value="">Choose a version…</option>
                  {versions.data?.map((version) => (
                    <option key={version.id} value={version.id}>
                      {versionLabel(versions.data, version.id)}
                    </option>
                  ))}
                </select>
                {index === 0 && <span className="muted new-xp__baseline">baseline</span>}
                {index >= 2 && (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove version ${KEYS[index]}`}
                    onClick={() => setVersionIds(versionIds.filter((_, at) => at !== index))}
                  >
                    ×
                  </button>
                )}
                {errors[`versionIds.${index}`] && (
                  <span className="tfield__error">{errors[`versionIds.${index}`]}</span>
                )}
              </div>
            ))}
            {versionIds.length < 4 && (
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => setVersionIds([...versionIds, ''])}
              >
                + Add a version
              </button>
            )}
          </div>
        </div>
        <div className="new-xp__grid new-xp__grid--3">
          <label className="new-xp__field">
            <span className="new-xp__label">Repetitions</span>
            <input
              className="input"
              type="number"
              min={1}
              max={20}
              value={repetitions}
              onChange={(event) => setRepetitions(event.target.value)}
            />
            {errors.repetitions && <span className="tfield__error">{errors.repetitions}</span>}
          </label>
          <label className="new-xp__field">
            <span className="new-xp__label">Runs at once</span>
            <input
              className="input"
              type="number"
              min={1}
              max={32}
              value={concurrency}
              onChange={(event) => setConcurrency(event.target.value)}
            />
            {errors.concurrency && <span className="tfield__error">{errors.concurrency}</span>}
          </label>
          <label className="new-xp__check">
            <input
              type="checkbox"
              checked={startNow}
              onChange={(event) => setStartNow(event.target.checked)}
            />
            Start now
          </label>
        </div>
        <div className="new-xp__field">
          <span className="new-xp__label">Evaluators</span>
          <EvaluatorBuilder drafts={drafts} onChange={setDrafts} errors={evaluatorErrors} />
          {errors.evaluators && <span className="tfield__error">{errors.evaluators}</span>}
        </div>
      </form>
    </Modal>
  );
}
