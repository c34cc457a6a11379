import type { ExperimentReport, VariantComparisonView, VariantSummaryView } from './api-types';
import {
  formatDifference,
  formatEstimate,
  formatMs,
  formatPValue,
  formatRate,
  formatScore,
  formatTokens,
  formatUsd,
  intervalBar,
  metricLabel,
  percent,
  testLabel,
} from './format';
import { IntervalBar } from './progress-bar';
import { verdictLabel } from './verdict';

export type VariantLabel = (variant: string) => string;

const TONES = ['a', 'b', 'c', 'd'];
export const variantTone = (variant: string) => TONES[['A', 'B', 'C', 'D'].indexOf(variant)] ?? 'a';

/** One card per variant: pass rate and mean score with their intervals, latency, tokens, cost, failures. */
export function VariantCards({
  report,
  versionLabel,
  evaluatorLabel,
}: {
  report: ExperimentReport;
  versionLabel: VariantLabel;
  evaluatorLabel: (evaluatorId: string) => string;
}) {
  const winners = new Set(
    report.comparisons.filter((each) => each.verdict.outcome === 'better').map((each) => each.candidate),
  );
  const losers = new Set(
    report.comparisons.filter((each) => each.verdict.outcome === 'worse').map((each) => each.candidate),
  );
  return (
    <div
      className="variant-cards"
      style={{ gridTemplateColumns: `repeat(${Math.min(report.variants.length, 4)}, minmax(0, 1fr))` }}
    >
      {report.variants.map((variant) => (
        <VariantCard
          key={variant.variant}
          variant={variant}
          label={versionLabel(variant.variant)}
          baseline={variant.variant === report.comparisons[0]?.baseline}
          flag={winners.has(variant.variant) ? 'better' : losers.has(variant.variant) ? 'worse' : null}
          evaluatorLabel={evaluatorLabel}
        />
      ))}
    </div>
  );
}

function VariantCard({
  variant,
  label,
  baseline,
  flag,
  evaluatorLabel,
}: {
  variant: VariantSummaryView;
  label: string;
  baseline: boolean;
  flag: 'better' | 'worse' | null;
  evaluatorLabel: (evaluatorId: string) => string;
}) {
  const tone = variantTone(variant.variant);
  return (
    <section
      className={`variant-card variant-card--${tone}${flag ? ` is-${flag}` : ''}`}
      aria-label={`Variant ${variant.variant}`}
    >
      <header className="variant-card__head">
        <span className={`variant-key variant-key--${tone}`}>{variant.variant}</span>
        <span className="variant-card__version">{label}</span>
        {baseline && <span className="variant-card__tag">Baseline</span>}
        {flag === 'better' && <span className="variant-card__tag variant-card__tag--better">Better</span>}
        {flag === 'worse' && <span className="variant-card__tag variant-card__tag--worse">Worse</span>}
      </header>
      <div className="variant-card__metric">
        <span className="variant-card__label">Pass rate</span>
        <span className="variant-card__value" data-testid={`pass-rate-${variant.variant}`}>
          {variant.passRate.value === null ? '—' : percent(variant.passRate.value)}
          <span className="variant-card__ci">{ciText(formatRate(variant.passRate))}</span>
        </span>
        <IntervalBar bar={intervalBar(variant.passRate)} tone={tone} />
        <span className="variant-card__sub">
          {variant.passRate.passes} of {variant.passRate.n} passed
        </span>
      </div>
      <div className="variant-card__metric">
        <span className="variant-card__label">Mean score</span>
        <span className="variant-card__value">
          {variant.meanScore.value === null ? '—' : formatScore(variant.meanScore.value)}
          <span className="variant-card__ci">{ciText(formatEstimate(variant.meanScore, formatScore))}</span>
        </span>
        <IntervalBar bar={intervalBar(variant.meanScore)} tone={tone} />
      </div>
      <dl className="variant-card__facts">
        <div>
          <dt>Latency p50 / p95</dt>
          <dd>
            {formatMs(variant.latencyMs.p50)} / {formatMs(variant.latencyMs.p95)}
          </dd>
        </div>
        <div>
          <dt>Tokens / run</dt>
          <dd>{formatEstimate(variant.tokensPerRun, formatTokens)}</dd>
        </div>
        <div>
          <dt>Cost / run</dt>
          <dd>
            {variant.costPerRunUsd.value === null
              ? 'unknown price'
              : formatEstimate(variant.costPerRunUsd, formatUsd)}
          </dd>
        </div>
        <div>
          <dt>Run failures</dt>
          <dd className={variant.runFailures > 0 ? 'is-bad' : undefined}>
            {variant.runFailures} of {variant.n}
          </dd>
        </div>
      </dl>
      {variant.evaluators.length > 1 && (
        <ul className="variant-card__evaluators" aria-label="Per evaluator">
          {variant.evaluators.map((evaluator) => (
            <li key={evaluator.evaluatorId}>
              <span className="variant-card__evaluator">{evaluatorLabel(evaluator.evaluatorId)}</span>
              <span>{formatRate(evaluator.passRate)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "72% (64–79%)" → "64–79%" shown small beside the big number. */
function ciText(formatted: string): string {
  const match = /\((.*)\)$/.exec(formatted);
  return match?.[1] ? `95% CI ${match[1]}` : '';
}

/** The verdict sentence, prominent, then the tests behind it. */
export function ComparisonSection({
  comparison,
  versionLabel,
}: {
  comparison: VariantComparisonView;
  versionLabel: VariantLabel;
}) {
  const outcome = comparison.verdict.outcome;
  return (
    <section
      className={`comparison comparison--${outcome}`}
      aria-label={`${comparison.candidate} against ${comparison.baseline}`}
    >
      <div className="comparison__verdict">
        <span className={`comparison__icon comparison__icon--${outcome}`} aria-hidden="true">
          {outcome === 'better' ? '▲' : outcome === 'worse' ? '▼' : outcome === 'no-difference' ? '=' : '…'}
        </span>
        <div>
          <p className="comparison__headline">
            {verdictLabel(comparison)}
            <span className="comparison__pair">
              {comparison.candidate} ({versionLabel(comparison.candidate)}) vs {comparison.baseline} (
              {versionLabel(comparison.baseline)}) · {comparison.paired ? 'paired by row' : 'unpaired'}
            </span>
          </p>
          <p className="comparison__text" data-testid="verdict-text">
            {comparison.verdict.text}
          </p>
        </div>
      </div>
      <table className="xp-table comparison__tests">
        <thead>
          <tr>
            <th>Metric</th>
            <th>Test</th>
            <th className="num">n</th>
            <th className="num">
              {comparison.candidate} − {comparison.baseline}
            </th>
            <th className="num">p-value</th>
            <th className="num">Holm-adjusted</th>
          </tr>
        </thead>
        <tbody>
          {comparison.tests.map((test) => (
            <tr key={`${test.metric}-${test.test}`}>
              <td>{metricLabel(test.metric)}</td>
              <td className="muted">
                {testLabel(test.test)}
                {test.discordant && (
                  <span className="comparison__discordant">
                    {' '}
                    · only {comparison.baseline} passed {test.discordant.baselineOnly}, only{' '}
                    {comparison.candidate} passed {test.discordant.candidateOnly}
                  </span>
                )}
              </td>
              <td className="num">{test.n}</td>
              <td className="num">{formatDifference(test.metric, test.difference)}</td>
              <td className={`num${test.pValue !== null && test.pValue < 0.05 ? ' is-significant' : ''}`}>
                {formatPValue(test.pValue)}
              </td>
              <td className="num muted">{formatPValue(test.adjustedP)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
