import { type FormEvent, useEffect, useState } from 'react';
import { trpc } from '../trpc/client';
import { describeApiError } from '../trpc/errors';
import type { ExperimentReport, ExperimentView } from './api-types';
import { formatRate } from './format';
import { variantTone } from './report-view';

/** Percent of HTTP-trigger calls, as the api takes it: 0–100 with at most two decimals. */
export function parsePercent(text: string): number | null {
  const value = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) return null;
  return Math.round(value * 100) / 100;
}

/** A running canary: its live split, the verdict so far, and (for editors) ramp, promote, stop. */
export function CanaryControls({
  experiment,
  report,
  canManage,
  versionLabel,
  onChanged,
  compact = false,
}: {
  experiment: ExperimentView;
  report: ExperimentReport | null;
  canManage: boolean;
  versionLabel: (versionId: string) => string;
  onChanged: () => void;
  compact?: boolean;
}) {
  const config = experiment.config?.kind === 'canary' ? experiment.config : null;
  const [percent, setPercent] = useState(String(config?.percent ?? 0));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setPercent(String(config?.percent ?? 0)), [config?.percent]);
  if (!config) return null;
  const running = experiment.status === 'running';
  const [baseline, candidate] = config.variants;
  const counts = new Map(report?.variants.map((variant) => [variant.variant, variant]) ?? []);
  const total = (counts.get('A')?.n ?? 0) + (counts.get('B')?.n ?? 0);
  const observed = total > 0 ? ((counts.get('B')?.n ?? 0) / total) * 100 : null;
  const comparison = report?.comparisons[0];

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onChanged();
    } catch (caught) {
      setError(describeApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };
  const applyPercent = (event: FormEvent) => {
    event.preventDefault();
    const value = parsePercent(percent);
    if (value === null) {
      setError('Use 0 to 100 percent.');
      return;
    }
    void run(() => trpc.canaries.setPercent.mutate({ experimentId: experiment.id, percent: value }));
  };

  return (
    <div className={`canary${compact ? ' canary--compact' : ''}`} data-testid="canary">
      <div className="canary__split">
        <div className="canary__bar">
          <div className="canary__bar-a" style={{ width: `${100 - config.percent}%` }} />
          <div className="canary__bar-b" style={{ width: `${config.percent}%` }} />
        </div>
        <div className="canary__legend">
          <span>
            <span className={`variant-key variant-key--${variantTone('A')}`}>A</span>{' '}
            {versionLabel(baseline.versionId)} · {counts.get('A')?.n ?? 0} calls
          </span>
          <span>
            <span className={`variant-key variant-key--${variantTone('B')}`}>B</span>{' '}
            {versionLabel(candidate.versionId)} · {counts.get('B')?.n ?? 0} calls ·{' '}
            <strong>{config.percent}%</strong> target
            {observed !== null && <span className="muted"> ({observed.toFixed(0)}% so far)</span>}
          </span>
        </div>
      </div>
      {report && (
        <div className="canary__rates">
          {report.variants.map((variant) => (
            <span key={variant.variant}>
              {variant.variant} pass rate <strong>{formatRate(variant.passRate)}</strong>
            </span>
          ))}
        </div>
      )}
      {comparison && (
        <p
          className={`canary__verdict canary__verdict--${comparison.verdict.outcome}`}
          data-testid="canary-verdict"
        >
          {comparison.verdict.text}
        </p>
      )}
      {!running && (
        <p className="muted canary__ended">
          {experiment.status === 'completed'
            ? 'Promoted: B is pinned and takes all traffic.'
            : 'Stopped: all traffic goes to the pinned version.'}
        </p>
      )}
      {running && canManage && (
        <div className="canary__actions">
          <form className="canary__percent" onSubmit={applyPercent}>
            <label>
              B gets
              <input
                className="input input--compact"
                inputMode="decimal"
                aria-label="Percent of calls to B"
                value={percent}
                onChange={(event) => setPercent(event.target.value)}
              />
              %
            </label>
            <button type="submit" className="button button--small" disabled={busy}>
              Apply
            </button>
          </form>
          <span className="canary__spacer" />
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={busy}
            onClick={() => void run(() => trpc.canaries.stop.mutate({ experimentId: experiment.id }))}
          >
            Stop
          </button>
          <button
            type="button"
            className="button button--small button--primary"
            disabled={busy}
            onClick={() => void run(() => trpc.canaries.promote.mutate({ experimentId: experiment.id }))}
          >
            Promote B
          </button>
        </div>
      )}
      {error && <p className="tfield__error">{error}</p>}
    </div>
  );
}

/** Starts a canary: the pinned version (A) against a candidate (B) on a share of HTTP-trigger calls. */
export function CanaryStart({
  workflowId,
  pinnedVersionId,
  versions,
  versionLabel,
  onStarted,
}: {
  workflowId: string;
  pinnedVersionId: string | null;
  versions: readonly { id: string }[];
  versionLabel: (versionId: string) => string;
  onStarted: () => void;
}) {
  const candidates = versions.filter((version) => version.id !== pinnedVersionId);
  const [candidate, setCandidate] = useState('');
  const [percent, setPercent] = useState('10');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!candidate && candidates[0]) setCandidate(candidates[0].id);
  }, [candidate, candidates]);
  if (!pinnedVersionId) {
    return (
      <p className="muted canary__hint">
        Pin a version (Versions panel) first: a canary splits HTTP-trigger calls between the pinned version
        and a candidate.
      </p>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = parsePercent(percent);
    if (value === null) return setError('Use 0 to 100 percent.');
    if (!candidate) return setError('Choose the candidate version.');
    setBusy(true);
    setError(null);
    try {
      await trpc.canaries.start.mutate({ workflowId, candidateVersionId: candidate, percent: value });
      onStarted();
    } catch (caught) {
      setError(describeApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="canary-start" onSubmit={submit}>
      <p className="muted canary__hint">
        A = pinned {versionLabel(pinnedVersionId)}. Each caller (subject) sticks to one side.
      </p>
      <div className="canary-start__row">
        <select
          className="input input--compact select"
          aria-label="Candidate version"
          value={candidate}
          onChange={(event) => setCandidate(event.target.value)}
        >
          {candidates.length === 0 && <option value="">No other version</option>}
          {candidates.map((version) => (
            <option key={version.id} value={version.id}>
              B = {versionLabel(version.id)}
            </option>
          ))}
        </select>
        <input
          className="input input--compact canary-start__percent"
          inputMode="decimal"
          aria-label="Percent of calls to the candidate"
          value={percent}
          onChange={(event) => setPercent(event.target.value)}
        />
        <span className="muted">%</span>
        <button
          type="submit"
          className="button button--small button--primary"
          disabled={busy || candidates.length === 0}
        >
          Start canary
        </button>
      </div>
      {error && <p className="tfield__error">{error}</p>}
    </form>
  );
}
