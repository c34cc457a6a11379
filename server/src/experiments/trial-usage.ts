import type { StoredRunEvent } from '@tandem/db';

/**
 * Tokens and cost of a run, summed over its completed nodes' model calls. Cost is null when any call's price
 * is unknown: a partial sum would understate what the variant costs.
 */
export function runUsage(events: readonly Pick<StoredRunEvent, 'type' | 'payload'>[]): {
  tokensIn: number;
  tokensOut: number;
  costUsd: number | null;
} {
  let tokensIn = 0;
  let tokensOut = 0;
  let costUsd: number | null = 0;
  for (const event of events) {
    if (event.type !== 'node.completed') continue;
    const usage = event.payload.usage;
    if (typeof usage !== 'object' || usage === null) continue;
    const { tokensIn: inTokens, tokensOut: outTokens, costUsd: cost } = usage as Record<string, unknown>;
    if (typeof inTokens === 'number' && Number.isFinite(inTokens)) tokensIn += inTokens;
    if (typeof outTokens === 'number' && Number.isFinite(outTokens)) tokensOut += outTokens;
    costUsd = costUsd !== null && typeof cost === 'number' && Number.isFinite(cost) ? costUsd + cost : null;
  }
  return { tokensIn, tokensOut, costUsd };
}
