import type { ExperimentProgress as LiveProgress } from '@tandem/workflow';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { Link } from '../app/link';
import { paths } from '../app/routes';
import { useQuery } from '../app/use-query';
import { trpc } from '../trpc/client';
import type { ExperimentListItem } from './api-types';
import { CanaryControls, CanaryStart } from './canary-controls';
import { NewExperimentDialog } from './new-experiment-dialog';
import { ExperimentProgress, StatusBadge, VerdictBadge } from './progress-bar';
import { useExperimentProgress } from './use-experiment-progress';
import { usePolling } from './use-polling';
import { verdictSummary } from './verdict';
import { versionLabel } from './version-label';

type VersionLike = { id: string; number: number; name: string | null };

/**
 * The canvas's compact experiments panel: this workflow's experiments with live progress (from the runs
 * document every collaborator has open), their verdicts, and the canary: start, ramp, promote, stop.
 */
export function ExperimentsPanel({
  workspaceId,
  workflowId,
  runsDoc,
  canEdit,
  pinnedVersionId,
  versions,
  onPinned,
  onClose,
}: {
  workspaceId: string;
  workflowId: string;
  runsDoc: Y.Doc;
  canEdit: boolean;
  pinnedVersionId: string | null;
  versions: readonly VersionLike[];
  onPinned: (versionId: string) => void;
  onClose: () => void;
}) {
  const live = useExperimentProgress(runsDoc);
  const liveById = new Map(live.map((each) => [each.experimentId, each]));
  const list = useQuery(
    () => trpc.experiments.list.query({ workspaceId, workflowId }),
    [workspaceId, workflowId],
  );
  const canary = useQuery(() => trpc.canaries.active.query({ workflowId }), [workflowId]);
  const [creating, setCreating] = useState(false);
  const label = (versionId: string) => versionLabel(versions, versionId);

  // A new experiment (started by anyone) shows up in the runs document first: fetch the list again.
  const known = new Set(list.data?.map((each) => each.id) ?? []);
  const unknownLive = live.some((each) => !known.has(each.experimentId));
  const reloadList = list.reload;
  const reloadCanary = canary.reload;
  useEffect(() => {
    if (unknownLive) void reloadList();
  }, [unknownLive, reloadList]);
  const canaryId = canary.data?.experiment.id;
  const canaryLive = canaryId ? liveById.get(canaryId) : undefined;
  useEffect(() => {
    if (canaryLive) void reloadCanary();
  }, [canaryLive?.done, canaryLive?.status, reloadCanary]);
  usePolling(reloadCanary, canary.data?.experiment.status === 'running', 5000);

  const datasetExperiments = (list.data ?? []).filter((each) => each.kind !== 'canary');
  return (
    <aside className="side-panel experiments-panel" aria-label="Experiments">
      <header className="side-panel__head">
        <h2>Experiments</h2>
        <button type="button" className="icon-button" aria-label="Close experiments" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="side-panel__scroll experiments-panel__scroll">
        <section className="xp-panel-section">
          <h3 className="xp-panel-section__title">
            Canary
            {canary.data?.experiment.status === 'running' && <span className="xp-live-dot" title="Live" />}
          </h3>
          {canary.error && <p className="tfield__error">{canary.error.message}</p>}
          {canary.data ? (
            <>
              <CanaryControls
                compact
                experiment={canary.data.experiment}
                report={canary.data.report}
                canManage={canEdit}
                versionLabel={label}
                onChanged={() => {
                  void reloadCanary();
                  void reloadList();
                  const candidate = canary.data?.experiment.config?.variants[1]?.versionId;
                  // Promote pins B: the panel does not know which button was pressed, so ask the api.
                  void trpc.workflows.get.query({ workflowId }).then((workflow) => {
                    if (workflow.pinnedVersionId && workflow.pinnedVersionId === candidate)
                      onPinned(candidate);
                  });
                }}
              />
              <Link className="xp-link" to={paths.experiment(workspaceId, canary.data.experiment.id)}>
                Full comparison ↗
              </Link>
            </>
          ) : canary.data === null ? (
            canEdit ? (
              <CanaryStart
                workflowId={workflowId}
                pinnedVersionId={pinnedVersionId}
                versions={versions}
                versionLabel={label}
                onStarted={() => {
                  void reloadCanary();
                  void reloadList();
                }}
              />
            ) : (
              <p className="muted canary__hint">No canary is running.</p>
            )
          ) : null}
        </section>
        <section className="xp-panel-section">
          <h3 className="xp-panel-section__title">
            Dataset experiments
            <span className="xp-panel-section__spacer" />
            {canEdit && (
              <button type="button" className="button button--small" onClick={() => setCreating(true)}>
                + New
              </button>
            )}
          </h3>
          {list.error && <p className="tfield__error">{list.error.message}</p>}
          {list.data && datasetExperiments.length === 0 && (
            <p className="muted canary__hint">
              None yet. Compare two saved versions of this workflow on a dataset of inputs.
            </p>
          )}
          <ul className="xp-panel-list">
            {datasetExperiments.map((experiment) => (
              <PanelItem
                key={experiment.id}
                experiment={experiment}
                live={liveById.get(experiment.id)}
                href={paths.experiment(workspaceId, experiment.id)}
              />
            ))}
          </ul>
          <Link className="xp-link" to={paths.experiments(workspaceId)}>
            All experiments ↗
          </Link>
        </section>
      </div>
      {creating && (
        <NewExperimentDialog
          workspaceId={workspaceId}
          initialWorkflowId={workflowId}
          onClose={() => setCreating(false)}
        />
      )}
    </aside>
  );
}

function PanelItem({
  experiment,
  live,
  href,
}: {
  experiment: ExperimentListItem;
  live: LiveProgress | undefined;
  href: string;
}) {
  // The runs document is fresher than the list: it moves as each trial is scored.
  const status = live?.status ?? experiment.status;
  const done = live?.done ?? experiment.progress.done;
  const total = live?.total ?? experiment.progress.total;
  const finished = status === 'completed' || status === 'cancelled';
  const detail = useQuery(
    () => (done > 0 ? trpc.experiments.get.query({ experimentId: experiment.id }) : Promise.resolve(null)),
    // While running, refresh the verdict every few results rather than on each one.
    [experiment.id, finished, Math.floor(done / 5)],
  );
  const verdict = verdictSummary(detail.data?.report ?? null);
  return (
    <li className="xp-panel-item" data-testid="panel-experiment">
      <Link to={href} className="xp-panel-item__link">
        <span className="xp-panel-item__head">
          <span className="xp-panel-item__name">{experiment.name}</span>
          <StatusBadge status={status} />
        </span>
        <ExperimentProgress
          compact
          done={done}
          total={total}
          running={live?.running ?? experiment.progress.running}
          etaMs={live ? live.etaMs : experiment.progress.etaMs}
          status={status}
        />
        {verdict && (
          <span className="xp-panel-item__verdict">
            <VerdictBadge outcome={verdict.outcome} label={verdict.label} />
            <span className="xp-panel-item__text">{verdict.text}</span>
          </span>
        )}
      </Link>
    </li>
  );
}

/** The toolbar's experiments toggle: two flasks, A and B. */
export function ExperimentsToolIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M9 3h6M10 3v6.5L4.6 18.2A1.8 1.8 0 0 0 6.1 21h11.8a1.8 1.8 0 0 0 1.5-2.8L14 9.5V3" />
      <path d="M7.5 15h9" />
    </svg>
  );
}
