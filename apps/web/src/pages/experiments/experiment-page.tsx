import { useEffect, useState } from 'react';
import { navigate } from '../../app/history';
import { Link } from '../../app/link';
import { paths } from '../../app/routes';
import { useQuery } from '../../app/use-query';
import type { ExperimentDetail } from '../../experiments/api-types';
import { CanaryControls } from '../../experiments/canary-controls';
import { describeEvaluator } from '../../experiments/evaluator-form';
import { type DiffSide, GraphDiffDialog } from '../../experiments/graph-diff-dialog';
import { ExperimentProgress, StatusBadge, VerdictBadge } from '../../experiments/progress-bar';
import { ComparisonSection, VariantCards, variantTone } from '../../experiments/report-view';
import { RowsTable } from '../../experiments/rows-table';
import { usePolling } from '../../experiments/use-polling';
import { verdictSummary } from '../../experiments/verdict';
import { versionLabel } from '../../experiments/version-label';
import { trpc, type WorkspaceView } from '../../trpc/client';
import { describeApiError } from '../../trpc/errors';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { PageError, PageLoading } from '../../ui/page-state';
import { relativeTime } from '../../ui/relative-time';
import { useNotify } from '../../ui/toast-context';

const PAGE = 25;

/** `/w/:workspaceId/experiments/:experimentId`: live progress, the comparison, and the rows behind it. */
export function ExperimentPage({
  workspace,
  experimentId,
}: {
  workspace: WorkspaceView;
  experimentId: string;
}) {
  const detail = useQuery(() => trpc.experiments.get.query({ experimentId }), [experimentId]);
  if (detail.error && !detail.data) {
    return (
      <PageError
        title={detail.error.code === 'NOT_FOUND' ? 'Experiment not found' : 'Could not load the experiment'}
        message={detail.error.message}
        action={
          <Link className="button" to={paths.experiments(workspace.id)}>
            Back to experiments
          </Link>
        }
      />
    );
  }
  if (!detail.data) return <PageLoading label="Loading experiment…" />;
  return <ExperimentView workspace={workspace} data={detail.data} reload={detail.reload} />;
}

function ExperimentView({
  workspace,
  data,
  reload,
}: {
  workspace: WorkspaceView;
  data: ExperimentDetail;
  reload: () => Promise<void>;
}) {
  const notify = useNotify();
  const { experiment, progress, report } = data;
  const config = experiment.config;
  const running = experiment.status === 'running';
  const canEdit = workspace.role !== 'viewer';
  usePolling(reload, running, 1500);

  const versions = useQuery(
    () => trpc.versions.list.query({ workflowId: experiment.workflowId }),
    [experiment.workflowId],
  );
  const workflow = useQuery(
    () => trpc.workflows.get.query({ workflowId: experiment.workflowId }),
    [experiment.workflowId],
  );
  const dataset = useQuery(
    () =>
      experiment.datasetId
        ? trpc.datasets.get.query({ datasetId: experiment.datasetId, limit: 1 })
        : Promise.resolve(null),
    [experiment.datasetId],
  );
  const [page, setPage] = useState(0);
  const rows = useQuery(
    () => trpc.experiments.rows.query({ experimentId: experiment.id, offset: page * PAGE, limit: PAGE }),
    [experiment.id, page],
  );
  // New results show up in the table as they are scored.
  const reloadRows = rows.reload;
  useEffect(() => {
    if (progress.done > 0) void reloadRows();
  }, [progress.done, reloadRows]);

  const [diff, setDiff] = useState<{ base: DiffSide; target: DiffSide } | null>(null);
  const [confirm, setConfirm] = useState<'cancel' | 'delete' | null>(null);

  const variants = config?.variants ?? [];
  const versionOf = (key: string) => variants.find((variant) => variant.key === key)?.versionId ?? '';
  const labelOf = (key: string) => versionLabel(versions.data, versionOf(key));
  const evaluators = config?.evaluators ?? [];
  const evaluatorLabel = (id: string) => {
    const found = (evaluators as { id: string; kind: string }[]).find((each) => each.id === id);
    return found ? describeEvaluator(found) : id;
  };
  const openDiff = (baseKey: string, targetKey: string) =>
    setDiff({
      base: {
        versionId: versionOf(baseKey),
        label: `${baseKey} (${versionLabel(versions.data, versionOf(baseKey), true)})`,
      },
      target: {
        versionId: versionOf(targetKey),
        label: `${targetKey} (${versionLabel(versions.data, versionOf(targetKey), true)})`,
      },
    });
  const verdict = verdictSummary(report);
  const canary = experiment.kind === 'canary';

  const act = async (action: 'start' | 'cancel' | 'delete') => {
    try {
      if (action === 'delete') {
        await trpc.experiments.delete.mutate({ experimentId: experiment.id });
        navigate(paths.experiments(workspace.id));
        return;
      }
      if (action === 'start') await trpc.experiments.start.mutate({ experimentId: experiment.id });
      else await trpc.experiments.cancel.mutate({ experimentId: experiment.id });
      setConfirm(null);
      await reload();
    } catch (caught) {
      notify(describeApiError(caught).message, 'warn');
    }
  };

  return (
    <div className="page page--wide xp-page">
      <nav className="xp-crumbs" aria-label="Breadcrumb">
        <Link to={paths.experiments(workspace.id)}>Experiments</Link>
        <span aria-hidden="true">/</span>
        <span>{experiment.name}</span>
      </nav>
      <div className="page__head xp-page__head">
        <div>
          <h1 className="page__title xp-page__title">
            {experiment.name}
            <StatusBadge status={experiment.status} />
            {verdict && <VerdictBadge outcome={verdict.outcome} label={verdict.label} />}
          </h1>
          <p className="page__subtitle xp-page__facts">
            <span className={`xp-kind xp-kind--${experiment.kind ?? 'dataset'}`}>
              {canary ? 'Canary' : 'Dataset'}
            </span>
            <Link to={paths.workflow(workspace.id, experiment.workflowId)}>
              {workflow.data?.name ?? 'Workflow'}
            </Link>
            {dataset.data && (
              <>
                <span aria-hidden="true">·</span>
                <Link to={paths.dataset(workspace.id, dataset.data.dataset.id)}>
                  {dataset.data.dataset.name} ({dataset.data.dataset.rowCount} rows)
                </Link>
              </>
            )}
            {config?.kind === 'dataset' && (
              <>
                <span aria-hidden="true">·</span>
                <span>
                  {config.repetitions} repetition{config.repetitions === 1 ? '' : 's'}
                </span>
              </>
            )}
            <span aria-hidden="true">·</span>
            <span>
              {experiment.startedAt
                ? `started ${relativeTime(experiment.startedAt)}`
                : `created ${relativeTime(experiment.createdAt)}`}
            </span>
          </p>
        </div>
        <div className="page__actions">
          {variants.length >= 2 && (
            <button
              type="button"
              className="button"
              onClick={() => openDiff(variants[0]?.key ?? 'A', variants[1]?.key ?? 'B')}
            >
              View graph diff
            </button>
          )}
          {canEdit && experiment.status === 'draft' && !canary && (
            <button type="button" className="button button--primary" onClick={() => void act('start')}>
              Start
            </button>
          )}
          {canEdit && running && !canary && (
            <button type="button" className="button button--danger" onClick={() => setConfirm('cancel')}>
              Cancel
            </button>
          )}
          {canEdit && !running && (
            <button type="button" className="button button--ghost" onClick={() => setConfirm('delete')}>
              Delete
            </button>
          )}
        </div>
      </div>

      {experiment.configError && <p className="form-alert">{experiment.configError}</p>}

      <section className="xp-card xp-overview" aria-label="Progress">
        <div className="xp-overview__variants">
          {variants.map((variant) => (
            <span key={variant.key} className="xp-overview__variant">
              <span className={`variant-key variant-key--${variantTone(variant.key)}`}>{variant.key}</span>
              {versionLabel(versions.data, variant.versionId)}
            </span>
          ))}
          {evaluators.length > 0 && (
            <span className="xp-overview__evaluators muted">
              Judged by{' '}
              {(evaluators as { id: string; kind: string }[])
                .map((each) => describeEvaluator(each))
                .join(', ')}
            </span>
          )}
        </div>
        {canary ? (
          <CanaryControls
            experiment={experiment}
            report={report}
            canManage={canEdit}
            versionLabel={(id) => versionLabel(versions.data, id)}
            onChanged={() => void reload()}
          />
        ) : (
          <ExperimentProgress
            done={progress.done}
            total={progress.total}
            running={progress.running}
            failedRuns={progress.failedRuns}
            etaMs={progress.etaMs}
            status={experiment.status}
          />
        )}
      </section>

      {report ? (
        <>
          {report.comparisons.map((comparison) => (
            <div key={comparison.candidate} className="xp-compare-wrap">
              <ComparisonSection comparison={comparison} versionLabel={labelOf} />
              <button
                type="button"
                className="button button--small button--ghost xp-compare-wrap__diff"
                onClick={() => openDiff(comparison.baseline, comparison.candidate)}
              >
                Graph diff {comparison.baseline} → {comparison.candidate}
              </button>
            </div>
          ))}
          <h2 className="xp-section-title">Variants</h2>
          <VariantCards report={report} versionLabel={labelOf} evaluatorLabel={evaluatorLabel} />
        </>
      ) : (
        <div className="xp-card xp-waiting">
          {experiment.status === 'draft'
            ? 'This experiment has not started. Start it to run every version on the dataset.'
            : running
              ? 'Waiting for the first results… the comparison appears as soon as a trial is scored.'
              : 'No trial was scored.'}
        </div>
      )}

      <div className="xp-section-head">
        <h2 className="xp-section-title">{canary ? 'Calls' : 'Row by row'}</h2>
        <span className="muted">Click a row for outputs, evaluator details and runs.</span>
        <span className="xp-section-head__spacer" />
        <div className="xp-pager">
          <button
            type="button"
            className="button button--small"
            disabled={page === 0}
            onClick={() => setPage(page - 1)}
          >
            ← Previous
          </button>
          <span className="muted">Page {page + 1}</span>
          <button
            type="button"
            className="button button--small"
            disabled={(rows.data?.rows.length ?? 0) < PAGE}
            onClick={() => setPage(page + 1)}
          >
            Next →
          </button>
        </div>
      </div>
      {rows.error && <p className="form-alert">{rows.error.message}</p>}
      {rows.data && rows.data.rows.length === 0 ? (
        <div className="xp-card xp-waiting">{page > 0 ? 'No more rows.' : 'No trials yet.'}</div>
      ) : rows.data ? (
        <RowsTable
          rows={rows.data.rows}
          variants={variants.map((variant) => variant.key)}
          canary={canary}
          evaluatorLabel={evaluatorLabel}
          runHref={(runId) =>
            `${paths.workflow(workspace.id, experiment.workflowId)}?run=${encodeURIComponent(runId)}`
          }
        />
      ) : (
        <p className="muted">Loading rows…</p>
      )}

      {diff && (
        <GraphDiffDialog
          workflowId={experiment.workflowId}
          base={diff.base}
          target={diff.target}
          onClose={() => setDiff(null)}
        />
      )}
      {confirm === 'cancel' && (
        <ConfirmDialog
          title="Cancel this experiment?"
          confirmLabel="Cancel experiment"
          onConfirm={() => act('cancel')}
          onCancel={() => setConfirm(null)}
        >
          Runs under way are cancelled and no new ones start. What was scored so far stays in the report.
        </ConfirmDialog>
      )}
      {confirm === 'delete' && (
        <ConfirmDialog
          title="Delete this experiment?"
          confirmLabel="Delete experiment"
          onConfirm={() => act('delete')}
          onCancel={() => setConfirm(null)}
        >
          Its report and trials go; the runs stay in the workflow’s history.
        </ConfirmDialog>
      )}
    </div>
  );
}
