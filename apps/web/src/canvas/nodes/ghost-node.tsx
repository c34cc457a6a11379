import { isNodeType } from '@tandem/workflow';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { GhostFlowNode } from '../flow-types';
import { NodeShell } from './node-shell';

/** A node the compared version has and the draft no longer does, drawn where it was. */
export const GhostNode = memo(function GhostNode({ data }: NodeProps<GhostFlowNode>) {
  if (!isNodeType(data.typeName)) {
    return <div className="tnode tnode--unknown diff--removed">{data.label}</div>;
  }
  return <NodeShell type={data.typeName} label={data.label} selected={false} problems={[]} />;
});
