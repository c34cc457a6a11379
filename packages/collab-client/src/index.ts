export { TandemProvider } from './tandem-provider';
export { whenSynced } from './when-synced';
