import { Fragment, useState } from 'react';
import { Link } from '../app/link';
import type { TrialCellView, TrialRowView } from './api-types';
import { cellText } from './dataset-table';
import { formatMs, formatUsd } from './format';
import { variantTone } from './report-view';

/** What a cell shows of a run's outputs: the only output as it is, several as JSON. */
export function outputText(outputs: Record<string, unknown> | null): string {
  if (!outputs) return '';
  const values = Object.values(outputs);
  return values.length === 1 ? cellText(values[0]) : JSON.stringify(outputs);
}

const inputsText = (inputs: Record<string, unknown>) =>
  Object.entries(inputs)
    .map(([name, value]) => `${name}: ${cellText(value)}`)
    .join('\n');

/** The row-by-row table: inputs, expected, and each variant's output with its verdict, side by side. */
export function RowsTable({
  rows,
  variants,
  runHref,
  evaluatorLabel,
  canary,
}: {
  rows: readonly TrialRowView[];
  variants: readonly string[];
  runHref: (runId: string) => string;
  evaluatorLabel: (evaluatorId: string) => string;
  canary: boolean;
}) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="xp-rows">
      <table className="xp-table xp-rows__table">
        <thead>
          <tr>
            <th className="xp-rows__index">{canary ? 'Call' : 'Row'}</th>
            <th>Inputs</th>
            {!canary && <th>Expected</th>}
            {(canary ? ['Variant'] : variants).map((variant) => (
              <th key={variant}>
                {canary ? (
                  'Output'
                ) : (
                  <span className={`variant-key variant-key--${variantTone(variant)}`}>{variant}</span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const expanded = open === row.key;
            const cells = canary
              ? row.cells
              : variants.map((variant) => row.cells.find((cell) => cell.variant === variant) ?? null);
            return (
              <Fragment key={row.key}>
                <tr
                  className={`xp-rows__row${expanded ? ' is-open' : ''}`}
                  onClick={() => setOpen(expanded ? null : row.key)}
                  data-testid="experiment-row"
                >
                  <td className="xp-rows__index">
                    <span className="xp-rows__chevron" aria-hidden="true">
                      {expanded ? '▾' : '▸'}
                    </span>
                    {canary ? (row.subject ?? '—') : (row.rowPosition ?? 0) + 1}
                    {!canary && row.repetition > 0 && <span className="muted"> ·r{row.repetition + 1}</span>}
                  </td>
                  <td>
                    <div className="xp-rows__text">{inputsText(row.inputs)}</div>
                  </td>
                  {!canary && (
                    <td>
                      {row.hasExpected ? (
                        <div className="xp-rows__text">{cellText(row.expected)}</div>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  )}
                  {cells.map((cell, index) => (
                    <td key={cell?.variant ?? index} className="xp-rows__cell">
                      {cell ? (
                        <TrialCell cell={cell} canary={canary} />
                      ) : (
                        <span className="muted">not run</span>
                      )}
                    </td>
                  ))}
                </tr>
                {expanded && (
                  <tr className="xp-rows__detail">
                    <td />
                    <td colSpan={canary ? 2 : variants.length + 2}>
                      <div
                        className="xp-detail"
                        style={{ gridTemplateColumns: `repeat(${cells.length}, minmax(0, 1fr))` }}
                      >
                        {cells.map((cell, index) =>
                          cell ? (
                            <CellDetail
                              key={cell.variant}
                              cell={cell}
                              runHref={runHref}
                              evaluatorLabel={evaluatorLabel}
                            />
                          ) : (
                            <div key={index} />
                          ),
                        )}
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function verdictOf(cell: TrialCellView): { tone: string; label: string } {
  if (cell.status !== 'scored')
    return { tone: 'pending', label: cell.runStatus === 'running' ? 'Running' : 'Pending' };
  if (cell.runStatus && cell.runStatus !== 'succeeded')
    return { tone: 'fail', label: `Run ${cell.runStatus}` };
  return cell.pass ? { tone: 'pass', label: 'Pass' } : { tone: 'fail', label: 'Fail' };
}

function TrialCell({ cell, canary }: { cell: TrialCellView; canary: boolean }) {
  const verdict = verdictOf(cell);
  const title = cell.results
    .map(
      (result) =>
        `${result.pass ? '✓' : '✗'} ${result.evaluatorId}${result.detail ? `: ${result.detail}` : ''}${result.error ? ` (${result.error})` : ''}`,
    )
    .join('\n');
  return (
    <div className="xp-cell">
      <div className="xp-cell__head">
        {canary && (
          <span className={`variant-key variant-key--${variantTone(cell.variant)}`}>{cell.variant}</span>
        )}
        <span className={`xp-pill xp-pill--${verdict.tone}`} title={title || undefined}>
          {verdict.label}
        </span>
        {cell.score !== null && <span className="xp-cell__score">{cell.score.toFixed(2)}</span>}
        {cell.latencyMs !== null && <span className="xp-cell__meta">{formatMs(cell.latencyMs)}</span>}
      </div>
      <div className="xp-rows__text xp-cell__output">
        {cell.error ? (
          <span className="xp-cell__error">{cell.error}</span>
        ) : (
          outputText(cell.outputs) || <span className="muted">no output</span>
        )}
      </div>
    </div>
  );
}

function CellDetail({
  cell,
  runHref,
  evaluatorLabel,
}: {
  cell: TrialCellView;
  runHref: (runId: string) => string;
  evaluatorLabel: (evaluatorId: string) => string;
}) {
  return (
    <div className="xp-detail__cell">
      <div className="xp-detail__head">
        <span className={`variant-key variant-key--${variantTone(cell.variant)}`}>{cell.variant}</span>
        {cell.runId && (
          <Link to={runHref(cell.runId)} className="xp-link" onClick={(event) => event.stopPropagation()}>
            Open run ↗
          </Link>
        )}
        <span className="muted">
          {formatMs(cell.latencyMs)} · {formatUsd(cell.costUsd)}
        </span>
      </div>
      <pre className="xp-detail__output">{cell.error ?? (outputText(cell.outputs) || 'no output')}</pre>
      {cell.results.length > 0 && (
        <ul className="xp-detail__results">
          {cell.results.map((result) => (
            <li key={result.evaluatorId}>
              <span className={`xp-pill xp-pill--${result.pass ? 'pass' : 'fail'}`}>
                {result.pass ? 'Pass' : 'Fail'}
              </span>
              <span className="xp-detail__evaluator">{evaluatorLabel(result.evaluatorId)}</span>
              <span className="muted">score {result.score.toFixed(2)}</span>
              {(result.detail || result.error) && (
                <span className="xp-detail__why">{result.error ?? result.detail}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
