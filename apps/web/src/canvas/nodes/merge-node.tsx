import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TandemFlowNode } from '../flow-types';
import { NodeRow, NodeShell } from './node-shell';

export const MergeNode = memo(function MergeNode({ data, selected }: NodeProps<TandemFlowNode<'merge'>>) {
  return (
    <NodeShell type="merge" label={data.label} selected={selected} problems={data.problems}>
      <NodeRow name="mode">
        {data.summary.mode === 'array' ? 'collect into a list' : 'combine into an object'}
      </NodeRow>
    </NodeShell>
  );
});
