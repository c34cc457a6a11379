import { runMaterialiseBench } from './materialise.bench';

runMaterialiseBench();
