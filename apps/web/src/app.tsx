import { useState } from 'react';
import { createLocalWorkflowDoc, localReadOnly } from './collab/sample-doc';
import { WorkflowEditor } from './editor/workflow-editor';

export function App() {
  const [doc] = useState(() => createLocalWorkflowDoc());
  const [readOnly] = useState(() => localReadOnly());
  return <WorkflowEditor doc={doc} readOnly={readOnly} />;
}
