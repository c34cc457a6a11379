import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TandemFlowNode } from '../flow-types';
import { NodeShell, NodeSnippet } from './node-shell';

export const LlmNode = memo(function LlmNode({ data, selected }: NodeProps<TandemFlowNode<'llm'>>) {
  const { provider, model, prompt, temperature, jsonMode } = data.summary;
  return (
    <NodeShell type="llm" label={data.label} selected={selected} problems={data.problems}>
      <div className="tnode__chips">
        <span className="tnode__chip tnode__chip--strong">{provider || 'no provider'}</span>
        <span className="tnode__chip tnode__chip--mono">{model || 'no model'}</span>
        {temperature !== null && <span className="tnode__chip">t={temperature}</span>}
        {jsonMode && <span className="tnode__chip">JSON</span>}
      </div>
      <NodeSnippet text={prompt} empty="Empty prompt" />
    </NodeShell>
  );
});
