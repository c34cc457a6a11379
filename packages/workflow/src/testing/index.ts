export { definition, edge, node } from './builders';
