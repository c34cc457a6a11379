import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TandemFlowNode } from '../flow-types';
import { NodeRow, NodeShell, NodeSnippet } from './node-shell';

export const CodeNode = memo(function CodeNode({ data, selected }: NodeProps<TandemFlowNode<'code'>>) {
  const { source, lineCount } = data.summary;
  return (
    <NodeShell type="code" label={data.label} selected={selected} problems={data.problems}>
      <NodeSnippet text={source} empty="No source" />
      {lineCount > 3 && <NodeRow name="lines">{lineCount}</NodeRow>}
    </NodeShell>
  );
});
