import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TandemFlowNode } from '../flow-types';
import { NodeShell, NodeSnippet } from './node-shell';

export const ConditionNode = memo(function ConditionNode({
  data,
  selected,
}: NodeProps<TandemFlowNode<'condition'>>) {
  return (
    <NodeShell type="condition" label={data.label} selected={selected} problems={data.problems}>
      <NodeSnippet text={data.summary.expression} empty="No expression" />
    </NodeShell>
  );
});
