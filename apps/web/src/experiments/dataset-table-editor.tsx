import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  addColumn,
  columnNameProblem,
  type DatasetTable,
  emptyRow,
  looksLikeBrokenJson,
  removeColumn,
  setCell,
} from './dataset-table';

/** The dataset as a spreadsheet: one column per input, an "expected" column, rows added and removed inline. */
export function DatasetTableEditor({
  table,
  onChange,
  readOnly,
}: {
  table: DatasetTable;
  onChange: (table: DatasetTable) => void;
  readOnly: boolean;
}) {
  const [adding, setAdding] = useState<string | null>(null);
  const newColumn = useRef<HTMLInputElement>(null);
  const isAdding = adding !== null;
  useEffect(() => {
    if (isAdding) newColumn.current?.focus();
  }, [isAdding]);
  const problem =
    adding === null ? null : adding === '' ? null : columnNameProblem(adding.trim(), table.columns);
  const submitColumn = (event: FormEvent) => {
    event.preventDefault();
    const name = (adding ?? '').trim();
    if (columnNameProblem(name, table.columns)) return;
    onChange(addColumn(table, name));
    setAdding(null);
  };
  const addRow = () => onChange({ ...table, rows: [...table.rows, emptyRow(table.columns)] });

  return (
    <div className="ds-table-wrap">
      <table className="ds-table" aria-label="Dataset rows">
        <thead>
          <tr>
            <th className="ds-table__index">#</th>
            {table.columns.map((column) => (
              <th key={column} className="ds-table__col">
                <span className="ds-table__colname">
                  <span className="ds-table__coltype">input</span>
                  {column}
                </span>
                {!readOnly && (
                  <button
                    type="button"
                    className="icon-button ds-table__remove-col"
                    aria-label={`Remove column ${column}`}
                    title="Remove column"
                    onClick={() => onChange(removeColumn(table, column))}
                  >
                    ×
                  </button>
                )}
              </th>
            ))}
            <th className="ds-table__col ds-table__col--expected">
              <span className="ds-table__colname">
                <span className="ds-table__coltype">optional</span>
                expected
              </span>
            </th>
            {!readOnly && (
              <th className="ds-table__add-col">
                {adding === null ? (
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    onClick={() => setAdding('')}
                  >
                    + Input
                  </button>
                ) : (
                  <form onSubmit={submitColumn} className="ds-table__new-col">
                    <input
                      className="input input--compact input--mono"
                      ref={newColumn}
                      placeholder="input_name"
                      aria-label="New input name"
                      value={adding}
                      aria-invalid={problem ? true : undefined}
                      onChange={(event) => setAdding(event.target.value)}
                      onKeyDown={(event) => {
                        if (event.key === 'Escape') setAdding(null);
                      }}
                      onBlur={() => {
                        if (!adding) setAdding(null);
                      }}
                    />
                    {problem && <span className="tfield__error">{problem}</span>}
                  </form>
                )}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) => (
            <tr key={row.key}>
              <td className="ds-table__index">{index + 1}</td>
              {table.columns.map((column) => (
                <td key={column}>
                  <Cell
                    value={row.cells[column] ?? ''}
                    label={`Row ${index + 1} ${column}`}
                    readOnly={readOnly}
                    onChange={(text) => onChange(setCell(table, row.key, column, text))}
                  />
                </td>
              ))}
              <td className="ds-table__expected">
                <Cell
                  value={row.expected}
                  label={`Row ${index + 1} expected`}
                  placeholder="—"
                  readOnly={readOnly}
                  onChange={(text) => onChange(setCell(table, row.key, null, text))}
                />
              </td>
              {!readOnly && (
                <td className="ds-table__row-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove row ${index + 1}`}
                    title="Remove row"
                    onClick={() =>
                      onChange({ ...table, rows: table.rows.filter((each) => each.key !== row.key) })
                    }
                  >
                    ×
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {table.rows.length === 0 && (
        <p className="ds-table__empty muted">
          {table.columns.length === 0
            ? 'Empty. Add an input column (named like the workflow’s inputs), or import a CSV / JSON file.'
            : 'No rows yet.'}
        </p>
      )}
      {!readOnly && (
        <button type="button" className="ds-table__add-row" onClick={addRow}>
          + Add row
        </button>
      )}
    </div>
  );
}

function Cell({
  value,
  label,
  placeholder,
  readOnly,
  onChange,
}: {
  value: string;
  label: string;
  placeholder?: string;
  readOnly: boolean;
  onChange: (text: string) => void;
}) {
  const broken = looksLikeBrokenJson(value);
  return (
    <textarea
      className={`ds-cell${broken ? ' is-warn' : ''}`}
      rows={1}
      aria-label={label}
      placeholder={placeholder}
      value={value}
      readOnly={readOnly}
      title={broken ? 'Looks like JSON but does not parse: it will be saved as text.' : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
