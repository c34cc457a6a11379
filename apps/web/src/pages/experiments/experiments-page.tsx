import { useState } from 'react';
import { Link } from '../../app/link';
import { paths } from '../../app/routes';
import { useQuery } from '../../app/use-query';
import type { ExperimentListItem } from '../../experiments/api-types';
import { NewExperimentDialog } from '../../experiments/new-experiment-dialog';
import { ExperimentProgress, StatusBadge, VerdictBadge } from '../../experiments/progress-bar';
import { usePolling } from '../../experiments/use-polling';
import { verdictSummary } from '../../experiments/verdict';
import { trpc, type WorkspaceView } from '../../trpc/client';
import { PageError } from '../../ui/page-state';
import { relativeTime } from '../../ui/relative-time';

/** `/w/:workspaceId/experiments`: every A/B experiment and canary of the workspace, live. */
export function ExperimentsPage({ workspace }: { workspace: WorkspaceView }) {
  const experiments = useQuery(
    () => trpc.experiments.list.query({ workspaceId: workspace.id }),
    [workspace.id],
  );
  const workflows = useQuery(() => trpc.workflows.list.query({ workspaceId: workspace.id }), [workspace.id]);
  const [creating, setCreating] = useState(false);
  const canEdit = workspace.role !== 'viewer';
  const anyRunning = experiments.data?.some((each) => each.status === 'running') ?? false;
  usePolling(experiments.reload, anyRunning, 2000);
  const workflowName = (id: string) => workflows.data?.find((each) => each.id === id)?.name ?? 'Workflow';

  return (
    <div className="page">
      <div className="page__head">
        <div>
          <h1 className="page__title">Experiments</h1>
          <p className="page__subtitle">
            Compare versions of a workflow on a dataset, or on live traffic with a canary.
          </p>
        </div>
        {canEdit && (
          <div className="page__actions">
            <Link className="button" to={paths.datasets(workspace.id)}>
              Datasets
            </Link>
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              + New experiment
            </button>
          </div>
        )}
      </div>
      {experiments.error && !experiments.data ? (
        <PageError title="Could not load experiments" message={experiments.error.message} />
      ) : !experiments.data ? (
        <p className="muted">Loading experiments…</p>
      ) : experiments.data.length === 0 ? (
        <div className="xp-empty">
          <div className="xp-empty__art" aria-hidden="true">
            <span className="variant-key variant-key--a">A</span>
            <span className="xp-empty__vs">vs</span>
            <span className="variant-key variant-key--b">B</span>
          </div>
          <h2>No experiments yet</h2>
          <p className="muted">
            Save two versions of a workflow, build a dataset of inputs, and see which version does better —
            with confidence intervals, not vibes.
          </p>
          {canEdit && (
            <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
              + New experiment
            </button>
          )}
        </div>
      ) : (
        <div className="xp-list">
          <div className="xp-list__head" aria-hidden="true">
            <span>Experiment</span>
            <span>Status</span>
            <span>Progress</span>
            <span>Verdict</span>
          </div>
          {experiments.data.map((experiment) => (
            <ExperimentListRow
              key={experiment.id}
              experiment={experiment}
              workspaceId={workspace.id}
              workflowName={workflowName(experiment.workflowId)}
            />
          ))}
        </div>
      )}
      {creating && <NewExperimentDialog workspaceId={workspace.id} onClose={() => setCreating(false)} />}
    </div>
  );
}

function ExperimentListRow({
  experiment,
  workspaceId,
  workflowName,
}: {
  experiment: ExperimentListItem;
  workspaceId: string;
  workflowName: string;
}) {
  const { progress } = experiment;
  // The list carries progress only; the verdict comes with the report (batched into one request by tRPC).
  const detail = useQuery(
    () =>
      progress.done > 0 ? trpc.experiments.get.query({ experimentId: experiment.id }) : Promise.resolve(null),
    [experiment.id, progress.done, experiment.status],
  );
  const verdict = verdictSummary(detail.data?.report ?? null);
  const variants = experiment.config?.variants.length ?? 0;
  return (
    <Link to={paths.experiment(workspaceId, experiment.id)} className="xp-list__row">
      <span className="xp-list__main">
        <span className="xp-list__name">{experiment.name}</span>
        <span className="xp-list__meta">
          <span className={`xp-kind xp-kind--${experiment.kind ?? 'dataset'}`}>
            {experiment.kind === 'canary' ? 'Canary' : 'Dataset'}
          </span>
          {workflowName} · {variants} variants · {relativeTime(experiment.createdAt)}
        </span>
      </span>
      <span>
        <StatusBadge status={experiment.status} />
      </span>
      <span>
        <ExperimentProgress
          compact
          done={progress.done}
          total={progress.total}
          running={progress.running}
          etaMs={progress.etaMs}
          status={experiment.status}
        />
      </span>
      <span>
        {verdict ? (
          <VerdictBadge outcome={verdict.outcome} label={verdict.label} />
        ) : (
          <span className="muted">—</span>
        )}
      </span>
    </Link>
  );
}
