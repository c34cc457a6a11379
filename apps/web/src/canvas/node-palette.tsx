import { NODE_TYPE_SPECS, NODE_TYPES, type NodeType } from '@tandem/workflow';
import { Panel } from '@xyflow/react';
import { type Ref, useState } from 'react';
import { Icon } from '../chrome/icons';
import { NodeIcon } from './nodes/node-icon';

/** The drag payload type: only our drops are accepted by the canvas. */
export const NODE_DRAG_TYPE = 'application/x-tandem-node-type';

/** Node types matching a search, best first: label prefix, then label, type or description containing it. */
export function searchNodeTypes(query: string): NodeType[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...NODE_TYPES];
  const score = (type: NodeType) => {
    const spec = NODE_TYPE_SPECS[type];
    const label = spec.label.toLowerCase();
    if (label.startsWith(q) || type.startsWith(q)) return 0;
    if (label.includes(q)) return 1;
    if (spec.description.toLowerCase().includes(q)) return 2;
    return -1;
  };
  return NODE_TYPES.map((type) => ({ type, rank: score(type) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => entry.type);
}

type NodePaletteProps = { onAdd: (type: NodeType) => void; searchRef?: Ref<HTMLInputElement> };

/**
 * Node types to add: type to filter, Enter (or a click) adds at the centre of the view, or drag one onto the
 * canvas to drop it where you want it.
 */
export function NodePalette({ onAdd, searchRef }: NodePaletteProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const matches = searchNodeTypes(query);
  const activeType = matches[Math.min(active, matches.length - 1)];

  return (
    <Panel position="top-left" className="palette" aria-label="Add a node">
      <div className="palette__search">
        <Icon name="search" size={14} />
        <input
          ref={searchRef}
          type="search"
          placeholder="Add a node…"
          aria-label="Search node types"
          aria-controls="palette-list"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              const delta = event.key === 'ArrowDown' ? 1 : -1;
              setActive((index) => (index + delta + matches.length) % Math.max(matches.length, 1));
            } else if (event.key === 'Enter' && activeType) {
              event.preventDefault();
              onAdd(activeType);
              setQuery('');
              setActive(0);
            } else if (event.key === 'Escape') {
              setQuery('');
              event.currentTarget.blur();
            }
          }}
        />
        <kbd className="palette__hint">/</kbd>
      </div>
      <div className="palette__list" id="palette-list" role="listbox" aria-label="Node types">
        {matches.length === 0 && <p className="palette__empty">No node type matches “{query}”.</p>}
        {matches.map((type) => (
          <button
            key={type}
            type="button"
            role="option"
            aria-selected={type === activeType && query !== ''}
            className={`palette__item palette__item--${type}${type === activeType && query !== '' ? ' is-active' : ''}`}
            title={`${NODE_TYPE_SPECS[type].description} Click to add, or drag onto the canvas.`}
            draggable
            onDragStart={(event) => {
              event.dataTransfer.setData(NODE_DRAG_TYPE, type);
              event.dataTransfer.effectAllowed = 'copy';
            }}
            onClick={() => onAdd(type)}
          >
            <span className="palette__icon">
              <NodeIcon type={type} />
            </span>
            <span className="palette__label">{NODE_TYPE_SPECS[type].label}</span>
          </button>
        ))}
      </div>
    </Panel>
  );
}
