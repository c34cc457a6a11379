import { isNodeType, NODE_TYPE_SPECS, type Problem, promptText, setLabel } from '@tandem/workflow';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { NodeIcon } from '../canvas/nodes/node-icon';
import type { WorkflowSnapshot } from '../canvas/workflow-snapshot';
import { availableReferences } from './references';
import { SchemaForm } from './schema-form/schema-form';

type NodePanelProps = {
  doc: Y.Doc;
  snapshot: WorkflowSnapshot;
  nodeId: string;
  readOnly: boolean;
  onClose: () => void;
};

function LabelInput({
  doc,
  nodeId,
  label,
  placeholder,
  readOnly,
}: {
  doc: Y.Doc;
  nodeId: string;
  label: string;
  placeholder: string;
  readOnly: boolean;
}) {
  // Local draft so the caret does not jump while the doc echoes each keystroke back.
  const [draft, setDraft] = useState(label);
  useEffect(() => setDraft(label), [label]);
  return (
    <div className="field">
      <label className="field__label" htmlFor={`label-${nodeId}`}>
        Label
      </label>
      <input
        id={`label-${nodeId}`}
        className="input input--title"
        value={draft}
        placeholder={placeholder}
        readOnly={readOnly}
        maxLength={120}
        onChange={(event) => {
          setDraft(event.target.value);
          setLabel(doc, nodeId, event.target.value);
        }}
      />
    </div>
  );
}

/** The selected node's details: label, problems, and its config form. */
export function NodePanel({ doc, snapshot, nodeId, readOnly, onClose }: NodePanelProps) {
  const node = snapshot.graph.nodes.find((candidate) => candidate.id === nodeId);
  const problems = useMemo(
    () => snapshot.problems.filter((problem: Problem) => problem.nodeId === nodeId),
    [snapshot.problems, nodeId],
  );
  const problemsByField = useMemo(() => {
    const byField = new Map<string, string[]>();
    for (const problem of problems) {
      if (!problem.field) continue;
      const field = problem.field.split('.')[0] ?? problem.field;
      byField.set(field, [...(byField.get(field) ?? []), problem.message]);
    }
    return byField;
  }, [problems]);
  const available = useMemo(() => availableReferences(snapshot.graph, nodeId), [snapshot.graph, nodeId]);
  const promptTextOf = useCallback((field: string) => promptText(doc, nodeId, field), [doc, nodeId]);

  if (!node) return null;
  const type = node.type;
  const known = isNodeType(type);

  return (
    <aside className={`panel panel--${known ? type : 'unknown'}`} aria-label="Node details">
      <header className="panel__header">
        <span className="panel__badge">
          <NodeIcon type={known ? type : 'unknown'} />
        </span>
        <div className="panel__titles">
          <span className="panel__type">
            {known ? NODE_TYPE_SPECS[type].label : `Unknown type “${type}”`}
          </span>
          <code className="panel__id" title="Node id (used in references)">
            {node.id}
          </code>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="Close panel"
          title="Close (Esc)"
          onClick={onClose}
        >
          ×
        </button>
      </header>
      <div className="panel__body">
        {known && <p className="panel__description">{NODE_TYPE_SPECS[type].description}</p>}
        {problems.length > 0 && (
          <section className="panel__problems" aria-label="Problems with this node">
            <h3>
              {problems.length} {problems.length === 1 ? 'problem' : 'problems'}
            </h3>
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.code}:${problem.field ?? ''}:${problem.message}`}>{problem.message}</li>
              ))}
            </ul>
          </section>
        )}
        <fieldset className="panel__fields" disabled={readOnly}>
          <LabelInput
            doc={doc}
            nodeId={node.id}
            label={node.label}
            placeholder={known ? NODE_TYPE_SPECS[type].label : type}
            readOnly={readOnly}
          />
          {known ? (
            <SchemaForm
              doc={doc}
              nodeId={node.id}
              type={type}
              config={node.config}
              readOnly={readOnly}
              available={available}
              problemsByField={problemsByField}
              promptTextOf={promptTextOf}
            />
          ) : (
            <p className="field__hint">This version of Tandem cannot edit this node’s settings.</p>
          )}
        </fieldset>
      </div>
    </aside>
  );
}
