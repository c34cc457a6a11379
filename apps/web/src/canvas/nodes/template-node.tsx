import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TandemFlowNode } from '../flow-types';
import { NodeShell, NodeSnippet } from './node-shell';

export const TemplateNode = memo(function TemplateNode({
  data,
  selected,
}: NodeProps<TandemFlowNode<'template'>>) {
  return (
    <NodeShell type="template" label={data.label} selected={selected} problems={data.problems}>
      <NodeSnippet text={data.summary.template} empty="Empty template" />
    </NodeShell>
  );
});
