import type { NodeType } from '@tandem/workflow';
import { NodeIcon } from './nodes/node-icon';

/** Shown over an empty canvas: what to do first, with the two usual first nodes one click away. */
export function EmptyState({ readOnly, onAdd }: { readOnly: boolean; onAdd: (type: NodeType) => void }) {
  return (
    <div className="empty-state" role="note">
      <div className="empty-state__art" aria-hidden="true">
        <span className="empty-state__dot empty-state__dot--input">
          <NodeIcon type="input" />
        </span>
        <span className="empty-state__wire" />
        <span className="empty-state__dot empty-state__dot--llm">
          <NodeIcon type="llm" />
        </span>
        <span className="empty-state__wire" />
        <span className="empty-state__dot empty-state__dot--output">
          <NodeIcon type="output" />
        </span>
      </div>
      {readOnly ? (
        <>
          <h2>This workflow is empty</h2>
          <p>Nodes appear here as soon as an editor adds them.</p>
        </>
      ) : (
        <>
          <h2>Add your first node</h2>
          <p>
            Start with an <strong>Input</strong> that declares what a run receives, then add an{' '}
            <strong>LLM</strong> step. Drag node types from the palette, or press <kbd>/</kbd> to search.
          </p>
          <div className="empty-state__actions">
            <button type="button" className="button button--primary" onClick={() => onAdd('input')}>
              Add an Input node
            </button>
            <button type="button" className="button" onClick={() => onAdd('llm')}>
              Add an LLM node
            </button>
          </div>
        </>
      )}
    </div>
  );
}
