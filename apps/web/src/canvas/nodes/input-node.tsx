import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TandemFlowNode } from '../flow-types';
import { NodeShell } from './node-shell';

export const InputNode = memo(function InputNode({ data, selected }: NodeProps<TandemFlowNode<'input'>>) {
  const { fields } = data.summary;
  return (
    <NodeShell type="input" label={data.label} selected={selected} problems={data.problems}>
      {fields.length === 0 ? (
        <p className="tnode__empty">No input fields</p>
      ) : (
        <ul className="tnode__fields">
          {fields.map((field) => (
            <li key={field.name}>
              <span className="tnode__field-name">
                {field.name}
                {field.required && <span className="tnode__required">*</span>}
              </span>
              <span className="tnode__chip">{field.type}</span>
            </li>
          ))}
        </ul>
      )}
    </NodeShell>
  );
});
