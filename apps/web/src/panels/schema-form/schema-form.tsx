import { fieldSyntax, type NodeType, setConfig } from '@tandem/workflow';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { PromptEditor } from '../prompt-editor';
import type { AvailableReference } from '../references';
import { describeConfig } from './config-fields';
import { ObjectArrayField } from './object-array-field';
import { RecordField } from './record-field';
import { BooleanField, EnumField, type FieldProps, NumberField, StringField } from './scalar-fields';

type SchemaFormProps = {
  doc: Y.Doc;
  nodeId: string;
  type: NodeType;
  config: Readonly<Record<string, unknown>>;
  readOnly: boolean;
  available: readonly AvailableReference[];
  /** Validator messages keyed by config field. */
  problemsByField: ReadonlyMap<string, readonly string[]>;
  /** Resolves a prompt field to its shared text (null when the doc has none). */
  promptTextOf: (field: string) => Y.Text | null;
};

function ScalarField(props: FieldProps) {
  switch (props.entry.spec.kind) {
    case 'string':
      return <StringField {...props} />;
    case 'number':
      return <NumberField {...props} />;
    case 'boolean':
      return <BooleanField {...props} />;
    case 'enum':
      return <EnumField {...props} />;
    case 'object-array':
      return <ObjectArrayField {...props} />;
    case 'record':
      return <RecordField {...props} />;
    case 'unsupported':
      return (
        <p className="field__hint">
          {props.entry.label}: {props.entry.spec.zodType} fields are not editable here yet.
        </p>
      );
  }
}

/** A node's config form, generated from its zod schema; prompt fields are shared-text editors. */
export function SchemaForm({
  doc,
  nodeId,
  type,
  config,
  readOnly,
  available,
  problemsByField,
  promptTextOf,
}: SchemaFormProps) {
  const fields = useMemo(() => describeConfig(type), [type]);
  return (
    <div className="form">
      {fields.map(({ entry, prompt }) => {
        const id = `cfg-${nodeId}-${entry.key}`;
        const problems = problemsByField.get(entry.key) ?? [];
        if (prompt) {
          return (
            <PromptEditor
              key={entry.key}
              id={id}
              label={entry.label}
              text={promptTextOf(entry.key)}
              mode={fieldSyntax(type, entry.key)}
              nodeId={nodeId}
              available={available}
              readOnly={readOnly}
              problems={problems}
              rows={entry.key === 'urlTemplate' ? 2 : undefined}
            />
          );
        }
        return (
          <ScalarField
            key={entry.key}
            id={id}
            entry={entry}
            value={config[entry.key]}
            readOnly={readOnly}
            problems={problems}
            onCommit={(value) => {
              // An unchanged value is not written: it would be a no-op undo step and a useless update.
              if (JSON.stringify(value) === JSON.stringify(config[entry.key])) return;
              setConfig(doc, nodeId, entry.key, value);
            }}
          />
        );
      })}
    </div>
  );
}
