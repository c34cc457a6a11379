export { TandemProvider } from './tandem-provider';
