import { NODE_TYPE_SPECS, type NodeType } from '@tandem/workflow';
import { Handle, Position, useNodeId } from '@xyflow/react';
import { Fragment, type ReactNode } from 'react';
import { type NodeDecoration, useNodeDecoration } from '../decorations';
import { NodeIcon } from './node-icon';
import { countRender } from './render-count';
import { RunBadge, RunPreview } from './run-badge';

type NodeShellProps = {
  type: NodeType;
  label: string;
  selected: boolean;
  problems: readonly string[];
  children?: ReactNode;
};

/** Spreads `count` handles evenly down one side of the card. */
function handleOffset(index: number, count: number): string {
  return `${((index + 1) / (count + 1)) * 100}%`;
}

/** The frame every node card shares: header, handles from the type's spec, problem marker, body. */
export function NodeShell({ type, label, selected, problems, children }: NodeShellProps) {
  const spec = NODE_TYPE_SPECS[type];
  const labelled = spec.outputs.length > 1;
  const decoration = useNodeDecoration();
  countRender(useNodeId());
  const classes = ['tnode', `tnode--${type}`];
  if (selected) classes.push('is-selected');
  if (problems.length > 0) classes.push('has-problems');
  if (decoration?.run) classes.push(`run--${decoration.run.status}`);
  if (decoration?.diff) classes.push(`diff--${decoration.diff.kind}`);

  return (
    <div
      className={classes.join(' ')}
      data-testid={`node-${type}`}
      data-run-status={decoration?.run?.status}
      data-diff={decoration?.diff?.kind}
    >
      {decoration?.run && <RunBadge run={decoration.run} />}
      {decoration?.diff && <DiffBadge diff={decoration.diff} />}
      {spec.inputs.map((handle, index) => (
        <Handle
          key={handle}
          id={handle}
          type="target"
          position={Position.Left}
          className="tnode__handle"
          style={{ top: handleOffset(index, spec.inputs.length) }}
        />
      ))}
      <header className="tnode__header">
        <span className="tnode__badge">
          <NodeIcon type={type} />
        </span>
        <span className="tnode__titles">
          <span className="tnode__label" title={label}>
            {label}
          </span>
          <span className="tnode__type">{spec.label}</span>
        </span>
        {problems.length > 0 && (
          <span
            className="tnode__problems"
            role="img"
            aria-label={`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}: ${problems.join(' ')}`}
            title={problems.join('\n')}
          >
            {problems.length}
          </span>
        )}
      </header>
      {children && <div className="tnode__body">{children}</div>}
      {decoration?.run && <RunPreview run={decoration.run} />}
      {labelled ? (
        // Several outputs (a condition's true/false): one labelled row each, its handle on the card's edge.
        <div className="tnode__outputs">
          {spec.outputs.map((handle) => (
            <div key={handle} className={`tnode__output tnode__output--${handle}`}>
              {handle}
              <Handle
                id={handle}
                type="source"
                position={Position.Right}
                className={`tnode__handle tnode__handle--${handle}`}
              />
            </div>
          ))}
        </div>
      ) : (
        spec.outputs.map((handle) => (
          <Handle
            key={handle}
            id={handle}
            type="source"
            position={Position.Right}
            className="tnode__handle"
          />
        ))
      )}
    </div>
  );
}

/** A label/value line of a card body. */
export function NodeRow({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="tnode__row">
      <span className="tnode__key">{name}</span>
      <span className="tnode__value">{children}</span>
    </div>
  );
}

/** Monospace excerpt (prompt, template, expression, code); shows a muted placeholder when empty. */
export function NodeSnippet({ text, empty }: { text: string; empty: string }) {
  if (!text) return <p className="tnode__empty">{empty}</p>;
  return (
    <div className="tnode__snippet">
      <code className="tnode__snippet-text">{withBreaks(text)}</code>
    </div>
  );
}

/** Lets long dotted paths (`nodes.classify.output.category`) wrap after a dot instead of mid-word. */
function withBreaks(text: string): ReactNode[] {
  return text.split(/(?<=\.)/).map((part, index, parts) => (
    <Fragment key={index}>
      {part}
      {index < parts.length - 1 && <wbr />}
    </Fragment>
  ));
}

const DIFF_LABELS = { added: 'Added', removed: 'Removed', changed: 'Changed' } as const;

/** The version comparison's verdict on this node, with the changed fields listed. */
function DiffBadge({ diff }: { diff: NonNullable<NodeDecoration['diff']> }) {
  return (
    <div className={`tnode__diff tnode__diff--${diff.kind}`}>
      <span className="tnode__diff-kind">{DIFF_LABELS[diff.kind]}</span>
      {diff.fields.length > 0 && <span className="tnode__diff-fields">{diff.fields.join(', ')}</span>}
    </div>
  );
}
