import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { UnknownFlowNode } from '../flow-types';
import { NodeIcon } from './node-icon';

/** A node of a type this build does not know: shown read-only, so it is neither hidden nor lost. */
export const UnknownNode = memo(function UnknownNode({ data, selected }: NodeProps<UnknownFlowNode>) {
  return (
    <div className={`tnode tnode--unknown${selected ? ' is-selected' : ''}`}>
      <header className="tnode__header">
        <span className="tnode__badge">
          <NodeIcon type="unknown" />
        </span>
        <span className="tnode__titles">
          <span className="tnode__label">{data.label}</span>
          <span className="tnode__type">Unknown type</span>
        </span>
      </header>
      <div className="tnode__body">
        <p className="tnode__empty">“{data.typeName}” is not known to this version of Tandem.</p>
      </div>
    </div>
  );
});
