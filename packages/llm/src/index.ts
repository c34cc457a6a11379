export type { ModelPrice } from './pricing';
export { costUsd, MODEL_PRICES } from './pricing';
