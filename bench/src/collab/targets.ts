import { percentile, round } from '../measure';

/** A measured figure beside its baseline and the target for it, as the collab bench reports it. */
export type TargetRow = {
  case: string;
  measured: number;
  baseline: number;
  unit: 'ms' | 'KB';
  ratio: number;
  target: string;
  met: boolean;
  [extra: string]: string | number | boolean;
};

export function targetRow(
  name: string,
  measured: number,
  baseline: number,
  unit: 'ms' | 'KB',
  target: { factor: number; plus?: number },
  extra: Record<string, string | number | boolean> = {},
): TargetRow {
  const plus = target.plus ?? 0;
  return {
    case: name,
    measured: round(measured),
    baseline: round(baseline),
    unit,
    ratio: round(measured / baseline),
    target: plus > 0 ? `<= ${target.factor}x + ${plus} ${unit}` : `<= ${target.factor}x`,
    met: measured <= target.factor * baseline + plus,
    ...extra,
  };
}

export function summary(rows: TargetRow[], extra: Record<string, unknown>): Record<string, unknown> {
  const missed = rows.filter((row) => !row.met).map((row) => row.case);
  return { targetsMet: missed.length === 0, missed, ...extra };
}

export const median = (values: number[]) => percentile(values, 50);
