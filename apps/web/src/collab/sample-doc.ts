import { createSampleWorkflow } from '@tandem/workflow';
import type * as Y from 'yjs';

/**
 * The one place the app obtains its workflow document. Until the collab server is connected this is a
 * local sample; the collaboration work swaps it for a Hocuspocus-backed doc without touching the canvas.
 */
export function createLocalWorkflowDoc(): Y.Doc {
  return createSampleWorkflow();
}
