/** Average ranks (1-based; tied values share the mean of their positions) and the sizes of tie groups > 1. */
export type Ranking = { ranks: number[]; tieSizes: number[] };

/** Ranks `values` with ties averaged, as scipy.stats.rankdata(method='average'). */
export function rankWithTies(values: readonly number[]): Ranking {
  const order = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k] as number] = rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/** Σ (t³ − t) over tie groups: the tie correction shared by the rank tests' normal approximations. */
export function tieSum(tieSizes: readonly number[]): number {
  let sum = 0;
  for (const t of tieSizes) sum += t * t * t - t;
  return sum;
}
