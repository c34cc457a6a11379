import { useEffect, useRef, useState } from 'react';
import type { FieldEntry } from './describe-schema';
import type { FieldProps } from './scalar-fields';

type Row = Record<string, unknown>;

function rowsOf(value: unknown): Row[] {
  return Array.isArray(value)
    ? value.map((row) => (typeof row === 'object' && row !== null ? { ...(row as Row) } : {}))
    : [];
}

/** One control of an array row, sized for a compact row layout. */
function ItemControl({
  id,
  item,
  value,
  readOnly,
  invalid,
  onChange,
}: {
  id: string;
  item: FieldEntry;
  value: unknown;
  readOnly: boolean;
  invalid: boolean;
  onChange: (value: unknown) => void;
}) {
  switch (item.spec.kind) {
    case 'boolean':
      return (
        <label className="row-check" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            className="switch switch--small"
            checked={value === true}
            disabled={readOnly}
            onChange={(event) => onChange(event.target.checked)}
          />
          {item.label}
        </label>
      );
    case 'enum':
      return (
        <select
          id={id}
          aria-label={item.label}
          className="input select input--compact"
          value={typeof value === 'string' ? value : ''}
          disabled={readOnly}
          onChange={(event) => onChange(event.target.value)}
        >
          {item.spec.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case 'number':
      return (
        <input
          id={id}
          aria-label={item.label}
          type="number"
          className="input input--compact"
          value={typeof value === 'number' ? value : ''}
          readOnly={readOnly}
          aria-invalid={invalid}
          onChange={(event) => onChange(Number(event.target.value))}
        />
      );
    default:
      return (
        <input
          id={id}
          aria-label={item.label}
          placeholder={item.label}
          className={`input input--compact${item.key === 'name' ? ' input--mono' : ''}`}
          value={typeof value === 'string' ? value : ''}
          readOnly={readOnly}
          aria-invalid={invalid}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}

/**
 * An array of objects (an input node's `fields`) as repeatable rows. The whole array is validated on every
 * change; while any row is invalid nothing is written and each message shows under its row.
 */
export function ObjectArrayField({ id, entry, value, readOnly, problems = [], onCommit }: FieldProps) {
  const items = entry.spec.kind === 'object-array' ? entry.spec.item : [];
  const key = JSON.stringify(value ?? null);
  const [rows, setRows] = useState<Row[]>(() => rowsOf(value));
  const [issues, setIssues] = useState<Map<string, string>>(new Map());
  // Rows just added and not typed in yet: incomplete rather than wrong, so they show no error and are not
  // written until touched (editing another row meanwhile still saves).
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const focusRow = useRef<number | null>(null);

  useEffect(() => {
    if (focusRow.current === null) return;
    const first = items[0];
    if (first) document.getElementById(`${id}-${focusRow.current}-${first.key}`)?.focus();
    focusRow.current = null;
  });

  useEffect(() => {
    if (issues.size > 0) return;
    setRows((previous) => [...rowsOf(value), ...previous.filter((_, index) => fresh.has(index))]);
    setFresh((previous) => {
      const base = rowsOf(value).length;
      return new Set([...previous].map((_, offset) => base + offset));
    });
  }, [key]);

  const update = (next: Row[], pending: ReadonlySet<number>) => {
    setRows(next);
    setFresh(pending);
    const result = entry.schema.safeParse(next.filter((_, index) => !pending.has(index)));
    if (result.success) {
      setIssues(new Map());
      onCommit(result.data);
      return;
    }
    const found = new Map<string, string>();
    for (const issue of result.error.issues) {
      const [index, field] = issue.path;
      const where = `${String(index ?? '')}.${String(field ?? '')}`;
      if (!found.has(where)) found.set(where, issue.message);
    }
    setIssues(found);
  };

  const newRow = (): Row => Object.fromEntries(items.map((item) => [item.key, item.defaultValue]));

  return (
    <fieldset className="field rows" aria-describedby={problems.length ? `${id}-problems` : undefined}>
      <legend className="field__label">{entry.label}</legend>
      {rows.length === 0 && <p className="field__hint">None yet.</p>}
      {rows.map((row, index) => {
        const rowIssues = [...issues.entries()].filter(([where]) => where.startsWith(`${index}.`));
        return (
          // Rows have no identity of their own; index keys are right for a positional list.
          <div key={index} className={`rows__row${rowIssues.length ? ' has-error' : ''}`}>
            <div className="rows__controls rows__controls--object">
              {items.map((item) => (
                <ItemControl
                  key={item.key}
                  id={`${id}-${index}-${item.key}`}
                  item={item}
                  value={row[item.key]}
                  readOnly={readOnly}
                  invalid={issues.has(`${index}.${item.key}`)}
                  onChange={(next) => {
                    const pending = new Set(fresh);
                    pending.delete(index);
                    update(
                      rows.map((r, i) => (i === index ? { ...r, [item.key]: next } : r)),
                      pending,
                    );
                  }}
                />
              ))}
              {!readOnly && (
                <button
                  type="button"
                  className="icon-button rows__remove"
                  aria-label={`Remove row ${index + 1}`}
                  title="Remove"
                  onClick={() =>
                    update(
                      rows.filter((_, i) => i !== index),
                      new Set([...fresh].filter((i) => i !== index).map((i) => (i > index ? i - 1 : i))),
                    )
                  }
                >
                  ×
                </button>
              )}
            </div>
            {rowIssues.map(([where, message]) => (
              <p key={where} className="field__error" role="alert">
                {message}
              </p>
            ))}
          </div>
        );
      })}
      {!readOnly && (
        <button
          type="button"
          className="ghost-button"
          onClick={() => {
            focusRow.current = rows.length;
            update([...rows, newRow()], new Set(fresh).add(rows.length));
          }}
        >
          + Add {entry.key === 'fields' ? 'field' : 'row'}
        </button>
      )}
      {problems.map((problem) => (
        <p key={problem} className="field__warn" id={`${id}-problems`}>
          {problem}
        </p>
      ))}
    </fieldset>
  );
}
