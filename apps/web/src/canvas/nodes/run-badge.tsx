import type { NodeDecoration } from '../decorations';

type RunDecoration = NonNullable<NodeDecoration['run']>;

const LABELS: Record<RunDecoration['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  streaming: 'Streaming',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  retrying: 'Retrying',
};

/** The status pill on a node's corner while a run is shown on the canvas. */
export function RunBadge({ run }: { run: RunDecoration }) {
  const attempt = run.attempts > 1 ? ` · try ${run.attempts}` : '';
  return (
    <span
      className={`tnode__run tnode__run--${run.status}`}
      role="status"
      title={run.error ?? undefined}
      aria-label={`Run: ${LABELS[run.status]}${attempt}`}
    >
      <span className="tnode__run-dot" aria-hidden="true" />
      {LABELS[run.status]}
      {attempt}
    </span>
  );
}

/** The last streamed characters under the card while the node streams (or its error once it failed). */
export function RunPreview({ run }: { run: RunDecoration }) {
  if (run.status === 'failed' && run.error) return <div className="tnode__stream is-error">{run.error}</div>;
  if ((run.status !== 'streaming' && run.status !== 'running') || !run.preview) return null;
  return (
    <div className="tnode__stream" aria-live="off">
      {run.preview.slice(-140)}
      {run.status === 'streaming' && <span className="tnode__caret" aria-hidden="true" />}
    </div>
  );
}
