/**
 * The dataset table editor's model: input columns plus an "expected" column, every cell held as text. A cell
 * whose text parses as a JSON object or array is saved as that value; anything else is saved as the text.
 */

export type TableRow = { key: string; cells: Record<string, string>; expected: string };
export type DatasetTable = { columns: string[]; rows: TableRow[] };
export type ApiRow = { inputs: Record<string, unknown>; expected?: unknown };

const INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

let nextKey = 0;
/** A stable React key for a row that has no server id (rows are positions, which shift on delete). */
export const rowKey = () => `r${++nextKey}`;

/** A value as the text a cell shows: strings as they are, everything else as JSON. */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value);
}

/** A cell's text as the value saved: a JSON object or array when it parses as one, else the text. */
export function cellValue(text: string): unknown {
  const trimmed = text.trim();
  if (
    (trimmed.startsWith('{') && trimmed.endsWith('}')) ||
    (trimmed.startsWith('[') && trimmed.endsWith(']'))
  ) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** Whether a cell looks like JSON but does not parse (shown as a warning: it will be saved as text). */
export function looksLikeBrokenJson(text: string): boolean {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return false;
  return typeof cellValue(text) === 'string';
}

/** The editor's table from the server's rows; columns in first-seen order. */
export function tableFromRows(
  rows: readonly { inputs: Record<string, unknown>; hasExpected: boolean; expected?: unknown }[],
): DatasetTable {
  const columns: string[] = [];
  for (const row of rows)
    for (const name of Object.keys(row.inputs)) if (!columns.includes(name)) columns.push(name);
  return {
    columns,
    rows: rows.map((row) => ({
      key: rowKey(),
      cells: Object.fromEntries(columns.map((name) => [name, cellText(row.inputs[name])])),
      expected: row.hasExpected ? cellText(row.expected) : '',
    })),
  };
}

/** Rows for `datasets.setRows`: empty cells are left out, an empty expected means "no expected output". */
export function rowsFromTable(table: DatasetTable): ApiRow[] {
  return table.rows.map((row) => {
    const inputs: Record<string, unknown> = {};
    for (const name of table.columns) {
      const text = row.cells[name] ?? '';
      if (text !== '') inputs[name] = cellValue(text);
    }
    return row.expected === '' ? { inputs } : { inputs, expected: cellValue(row.expected) };
  });
}

/** Why `name` cannot be a new column, or null when it can. */
export function columnNameProblem(name: string, columns: readonly string[]): string | null {
  if (!name) return 'Name the input.';
  if (!INPUT_NAME.test(name)) return 'Use a letter or "_", then letters, digits or "_".';
  if (name === 'expected') return '"expected" is the expected-output column already.';
  if (columns.includes(name)) return `There is a "${name}" column already.`;
  return null;
}

export const emptyRow = (columns: readonly string[]): TableRow => ({
  key: rowKey(),
  cells: Object.fromEntries(columns.map((name) => [name, ''])),
  expected: '',
});

export function addColumn(table: DatasetTable, name: string): DatasetTable {
  return {
    columns: [...table.columns, name],
    rows: table.rows.map((row) => ({ ...row, cells: { ...row.cells, [name]: '' } })),
  };
}

export function removeColumn(table: DatasetTable, name: string): DatasetTable {
  return {
    columns: table.columns.filter((column) => column !== name),
    rows: table.rows.map((row) => {
      const { [name]: _removed, ...cells } = row.cells;
      return { ...row, cells };
    }),
  };
}

export function setCell(table: DatasetTable, key: string, column: string | null, text: string): DatasetTable {
  return {
    ...table,
    rows: table.rows.map((row) =>
      row.key !== key
        ? row
        : column === null
          ? { ...row, expected: text }
          : { ...row, cells: { ...row.cells, [column]: text } },
    ),
  };
}

/** A file's import format from its name or, for pasted text, from its first character. */
export function guessFormat(text: string, fileName?: string): 'csv' | 'json' {
  if (fileName) return fileName.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  const first = text.trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}
