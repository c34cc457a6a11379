import { useState } from 'react';
import { ThemeMenu } from '../chrome/theme-menu';
import { createLocalWorkflowDoc, localReadOnly } from '../collab/sample-doc';
import { WorkflowEditor } from '../editor/workflow-editor';

/**
 * `/playground`: the sample workflow in this browser only — no account, nothing saved or shared.
 * With no account menu to hold it, the theme setting gets its own top-bar button.
 */
export function PlaygroundPage() {
  const [doc] = useState(() => createLocalWorkflowDoc());
  const [readOnly] = useState(() => localReadOnly());
  return <WorkflowEditor doc={doc} readOnly={readOnly} topBar={{ trailing: <ThemeMenu /> }} />;
}
