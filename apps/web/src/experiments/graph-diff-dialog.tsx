import { createWorkflowDoc, replaceGraph, type WorkflowDefinition } from '@tandem/workflow';
import { useMemo } from 'react';
import { useQuery } from '../app/use-query';
import { WorkflowEditor } from '../editor/workflow-editor';
import { trpc } from '../trpc/client';
import { Modal } from '../ui/modal';
import { diffOverlay } from '../versions/version-diff';

export type DiffSide = { versionId: string; label: string };

/**
 * Two versions' graph diff, one click from an experiment: the candidate's graph, read-only, with the
 * baseline's removed nodes as ghosts and added / changed ones marked (the versions panel's on-canvas diff).
 */
export function GraphDiffDialog({
  workflowId,
  base,
  target,
  onClose,
}: {
  workflowId: string;
  base: DiffSide;
  target: DiffSide;
  onClose: () => void;
}) {
  const definitions = useQuery(
    () =>
      Promise.all([
        trpc.versions.get.query({ workflowId, versionId: base.versionId }),
        trpc.versions.get.query({ workflowId, versionId: target.versionId }),
      ]),
    [workflowId, base.versionId, target.versionId],
  );
  return (
    <Modal title={`Graph diff: ${base.label} → ${target.label}`} onClose={onClose} width={1180}>
      {definitions.error && <p className="form-alert">{definitions.error.message}</p>}
      {!definitions.data && !definitions.error && <p className="muted">Loading both versions…</p>}
      {definitions.data && (
        <DiffCanvas
          base={definitions.data[0].definition}
          target={definitions.data[1].definition}
          title={`${target.label} compared with ${base.label}`}
        />
      )}
    </Modal>
  );
}

function DiffCanvas({
  base,
  target,
  title,
}: {
  base: WorkflowDefinition;
  target: WorkflowDefinition;
  title: string;
}) {
  const doc = useMemo(() => {
    const fresh = createWorkflowDoc();
    replaceGraph(fresh, target);
    return fresh;
  }, [target]);
  const overlay = useMemo(() => diffOverlay(base, target), [base, target]);
  const { added, removed, changed } = overlay.counts;
  return (
    <div className="graph-diff">
      <div className="diff-legend graph-diff__legend" role="status" data-testid="graph-diff-legend">
        <span>
          {added + removed + changed === 0
            ? 'The two graphs are the same.'
            : `${changed} changed · ${added} added · ${removed} removed`}
        </span>
        <span className="diff-legend__item diff-legend__item--added">added</span>
        <span className="diff-legend__item diff-legend__item--changed">changed</span>
        <span className="diff-legend__item diff-legend__item--removed">removed</span>
        <span className="muted graph-diff__hint">Click a node to read its settings.</span>
      </div>
      <div className="graph-diff__canvas">
        <WorkflowEditor doc={doc} readOnly overlay={overlay} topBar={{ title, leading: <span /> }} />
      </div>
    </div>
  );
}
