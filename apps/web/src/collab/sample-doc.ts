import { createSampleWorkflow, createWorkflowDoc } from '@tandem/workflow';
import type * as Y from 'yjs';

/**
 * The one place the app obtains its workflow document. Until the collab server is connected this is a
 * local sample (or a blank workflow with `?blank`, to see the first-run state); the collaboration work swaps
 * it for a Hocuspocus-backed doc without touching the canvas.
 */
export function createLocalWorkflowDoc(search: string = window.location.search): Y.Doc {
  return new URLSearchParams(search).has('blank')
    ? createWorkflowDoc({ name: 'Untitled workflow' })
    : createSampleWorkflow();
}

/**
 * Whether to open the editor in view-only mode. A stand-in for the viewer role until the server reports
 * the user's role: `?view` opens the sample read-only.
 */
export function localReadOnly(search: string = window.location.search): boolean {
  return new URLSearchParams(search).has('view');
}
