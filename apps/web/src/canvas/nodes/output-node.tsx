import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TandemFlowNode } from '../flow-types';
import { NodeRow, NodeShell } from './node-shell';

export const OutputNode = memo(function OutputNode({ data, selected }: NodeProps<TandemFlowNode<'output'>>) {
  return (
    <NodeShell type="output" label={data.label} selected={selected} problems={data.problems}>
      <NodeRow name="returns">
        {data.summary.name ? <code>{data.summary.name}</code> : <span className="tnode__empty">unnamed</span>}
      </NodeRow>
    </NodeShell>
  );
});
