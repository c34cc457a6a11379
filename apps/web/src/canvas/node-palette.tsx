import { NODE_TYPE_SPECS, NODE_TYPES, type NodeType } from '@tandem/workflow';
import { Panel, useStoreApi, type XYPosition } from '@xyflow/react';
import { useRef } from 'react';
import { NodeIcon } from './nodes/node-icon';

/** Roughly half a card, so a new node lands centred on the viewport. */
const HALF_CARD = { x: 120, y: 40 };
/** Each further node added in a row shifts a little, so they do not stack exactly. */
const CASCADE = 24;

/** A column of node types; clicking one adds that node at the centre of the view. */
export function NodePalette({ onAdd }: { onAdd: (type: NodeType, position: XYPosition) => void }) {
  const store = useStoreApi();
  const added = useRef(0);

  const add = (type: NodeType) => {
    const { width, height, transform } = store.getState();
    const [x, y, zoom] = transform;
    const shift = (added.current++ % 5) * CASCADE;
    onAdd(type, {
      x: (width / 2 - x) / zoom - HALF_CARD.x + shift,
      y: (height / 2 - y) / zoom - HALF_CARD.y + shift,
    });
  };

  return (
    <Panel position="top-left" className="palette" role="group" aria-label="Add a node">
      <span className="palette__title">Add</span>
      {NODE_TYPES.map((type) => (
        <button
          key={type}
          type="button"
          className={`palette__item palette__item--${type}`}
          title={NODE_TYPE_SPECS[type].description}
          onClick={() => add(type)}
        >
          <NodeIcon type={type} />
          <span>{NODE_TYPE_SPECS[type].label}</span>
        </button>
      ))}
    </Panel>
  );
}
