import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { Canvas } from './canvas/canvas';
import { useWorkflowGraph } from './canvas/use-workflow-graph';
import { TopBar } from './chrome/top-bar';
import { createLocalWorkflowDoc } from './collab/sample-doc';

export function App() {
  const [doc] = useState(createLocalWorkflowDoc);
  const binding = useWorkflowGraph(doc);
  return (
    <ReactFlowProvider>
      <div className="app">
        <TopBar snapshot={binding.snapshot} />
        <main className="app__canvas">
          <Canvas binding={binding} />
        </main>
      </div>
    </ReactFlowProvider>
  );
}
