import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TandemFlowNode } from '../flow-types';
import { NodeShell } from './node-shell';

export const HttpNode = memo(function HttpNode({ data, selected }: NodeProps<TandemFlowNode<'http'>>) {
  const { method, url } = data.summary;
  return (
    <NodeShell type="http" label={data.label} selected={selected} problems={data.problems}>
      <div className="tnode__request">
        <span className={`tnode__method tnode__method--${method.toLowerCase()}`}>{method}</span>
        {url ? (
          <span className="tnode__url" title={url}>
            {url}
          </span>
        ) : (
          <span className="tnode__empty">No URL</span>
        )}
      </div>
    </NodeShell>
  );
});
