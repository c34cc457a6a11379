import { formatEta, progressPercent } from './format';
import { STATUS_LABEL, type VerdictOutcome } from './verdict';

/** done / total with a bar that fills; while running, what is in flight and how long is left. */
export function ExperimentProgress({
  done,
  total,
  running = 0,
  failedRuns = 0,
  etaMs,
  status,
  compact = false,
}: {
  done: number;
  total: number;
  running?: number;
  failedRuns?: number;
  etaMs: number | null;
  status: string;
  compact?: boolean;
}) {
  const live = status === 'running';
  const width = progressPercent(done, total);
  return (
    <div className={`xp-progress${compact ? ' xp-progress--compact' : ''}${live ? ' is-live' : ''}`}>
      <div
        className="xp-progress__track"
        role="progressbar"
        aria-label="Experiment progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <div className={`xp-progress__fill xp-progress__fill--${status}`} style={{ width: `${width}%` }} />
      </div>
      <div className="xp-progress__text">
        <span className="xp-progress__count" data-testid="experiment-progress">
          {done} / {total}
        </span>
        {!compact && <span className="muted">trials scored</span>}
        {live && running > 0 && <span className="muted">· {running} running</span>}
        {failedRuns > 0 && <span className="xp-progress__failed">· {failedRuns} failed runs</span>}
        {live && etaMs !== null && <span className="muted">· {formatEta(etaMs)}</span>}
      </div>
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`xp-status xp-status--${status}`}>
      {status === 'running' && <span className="xp-status__pulse" aria-hidden="true" />}
      {STATUS_LABEL[status] ?? status}
    </span>
  );
}

export function VerdictBadge({ outcome, label }: { outcome: VerdictOutcome; label: string }) {
  return (
    <span className={`xp-verdict-badge xp-verdict-badge--${outcome}`} data-testid="verdict-badge">
      {label}
    </span>
  );
}

/** A small bar with the interval as a band and the estimate as a tick. */
export function IntervalBar({
  bar,
  tone = 'accent',
}: {
  bar: { left: number; width: number; point: number } | null;
  tone?: string;
}) {
  if (!bar) return <div className="ci-bar ci-bar--empty" aria-hidden="true" />;
  return (
    <div className="ci-bar" aria-hidden="true">
      <div
        className={`ci-bar__band ci-bar__band--${tone}`}
        style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
      />
      <div className={`ci-bar__point ci-bar__point--${tone}`} style={{ left: `${bar.point}%` }} />
    </div>
  );
}
