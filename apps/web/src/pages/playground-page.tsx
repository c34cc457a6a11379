import { useState } from 'react';
import { createLocalWorkflowDoc, localReadOnly } from '../collab/sample-doc';
import { WorkflowEditor } from '../editor/workflow-editor';

/** `/playground`: the sample workflow in this browser only — no account, nothing saved or shared. */
export function PlaygroundPage() {
  const [doc] = useState(() => createLocalWorkflowDoc());
  const [readOnly] = useState(() => localReadOnly());
  return <WorkflowEditor doc={doc} readOnly={readOnly} />;
}
