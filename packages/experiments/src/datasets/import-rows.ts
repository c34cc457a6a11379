import { parseCsv } from './csv';

/** A dataset row as imported: `expected` is absent when the row has no expected output. */
export type ImportedRow = { inputs: Record<string, unknown>; expected?: unknown };

export type ImportResult = { ok: true; rows: ImportedRow[] } | { ok: false; message: string };

/** Column / key names that carry the expected output rather than an input. */
const EXPECTED_KEYS = new Set(['expected', 'expected_output', 'expectedoutput']);
const INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * CSV: a header row names the columns; a column called `expected` (or `expected_output`) is the expected
 * output, every other column an input. Cells stay text (the experiment converts them to each input field's
 * type when it starts); an empty `expected` cell means "no expected output".
 */
export function rowsFromCsv(text: string, maxRows: number): ImportResult {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const [header, ...body] = table;
  if (!header) return { ok: false, message: 'The CSV is empty: the first line must name the columns.' };
  const names = header.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (!EXPECTED_KEYS.has(name.toLowerCase()) && !INPUT_NAME.test(name)) {
      return {
        ok: false,
        message: `Column "${name}" is not a valid input name (a letter or "_", then letters, digits or "_").`,
      };
    }
    if (seen.has(name)) return { ok: false, message: `Column "${name}" appears twice.` };
    seen.add(name);
  }
  if (body.length > maxRows)
    return { ok: false, message: `At most ${maxRows} rows can be imported at once.` };
  const rows: ImportedRow[] = [];
  for (const [index, cells] of body.entries()) {
    if (cells.length !== names.length) {
      return {
        ok: false,
        message: `Row ${index + 1} has ${cells.length} cells but the header names ${names.length} columns.`,
      };
    }
    const row: ImportedRow = { inputs: {} };
    names.forEach((name, column) => {
      const cell = cells[column] ?? '';
      if (EXPECTED_KEYS.has(name.toLowerCase())) {
        if (cell !== '') row.expected = cell;
      } else {
        row.inputs[name] = cell;
      }
    });
    rows.push(row);
  }
  return { ok: true, rows };
}

/**
 * JSON: an array of rows, each either `{ "inputs": {…}, "expected": … }` or a flat object whose `expected` key
 * (if any) is the expected output and whose other keys are inputs.
 */
export function rowsFromJson(text: string, maxRows: number): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!Array.isArray(parsed)) return { ok: false, message: 'The JSON must be an array of rows.' };
  if (parsed.length > maxRows)
    return { ok: false, message: `At most ${maxRows} rows can be imported at once.` };
  const rows: ImportedRow[] = [];
  for (const [index, item] of parsed.entries()) {
    if (!isPlainObject(item)) return { ok: false, message: `Row ${index + 1} is not an object.` };
    const nested =
      isPlainObject(item.inputs) &&
      Object.keys(item).every((key) => key === 'inputs' || EXPECTED_KEYS.has(key));
    const inputs: Record<string, unknown> = {};
    let expected: { value: unknown } | null = null;
    for (const [key, value] of Object.entries(nested ? (item.inputs as Record<string, unknown>) : item)) {
      if (!nested && EXPECTED_KEYS.has(key.toLowerCase())) {
        expected = { value };
        continue;
      }
      if (!INPUT_NAME.test(key))
        return { ok: false, message: `Row ${index + 1}: "${key}" is not a valid input name.` };
      inputs[key] = value;
    }
    if (nested) {
      const key = Object.keys(item).find((k) => EXPECTED_KEYS.has(k));
      if (key !== undefined) expected = { value: item[key] };
    }
    rows.push(expected ? { inputs, expected: expected.value } : { inputs });
  }
  return { ok: true, rows };
}
