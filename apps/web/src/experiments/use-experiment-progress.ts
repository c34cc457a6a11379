import { type ExperimentProgress, observeExperimentProgress, readExperimentProgress } from '@tandem/workflow';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/** The live progress the server publishes on `workflow:<id>:runs`, most recently updated first. */
export function useExperimentProgress(doc: Y.Doc | null): ExperimentProgress[] {
  const [progress, setProgress] = useState<ExperimentProgress[]>(() =>
    doc ? readExperimentProgress(doc) : [],
  );
  useEffect(() => {
    if (!doc) return;
    setProgress(readExperimentProgress(doc));
    return observeExperimentProgress(doc, () => setProgress(readExperimentProgress(doc)));
  }, [doc]);
  return progress;
}
