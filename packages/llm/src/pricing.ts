/** USD per one million tokens. */
export type ModelPrice = { inputPerMillion: number; outputPerMillion: number };

/**
 * List prices of the models Tandem knows, keyed by `<provider>/<model>`. A model missing here has an
 * unknown price: its cost is reported as null, never as 0, so a dashboard cannot show it as free.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'openai/gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'openai/gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'openai/gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'openai/gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'anthropic/claude-sonnet-4-5': { inputPerMillion: 3, outputPerMillion: 15 },
  'anthropic/claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'anthropic/claude-opus-4-1': { inputPerMillion: 15, outputPerMillion: 75 },
  'mock/mock-1': { inputPerMillion: 0, outputPerMillion: 0 },
};

/** Cost of one call in USD, or null when the model's price is unknown. Every mock model is free. */
export function costUsd(provider: string, model: string, tokensIn: number, tokensOut: number): number | null {
  // The mock's model name carries directives (`mock-slow`, `mock-fail-30`), so no table could list them all.
  if (provider === 'mock') return 0;
  const price = MODEL_PRICES[`${provider}/${model}`];
  if (!price) return null;
  return (tokensIn * price.inputPerMillion + tokensOut * price.outputPerMillion) / 1_000_000;
}
