import { describe, expect, it } from 'vitest';
import {
  addColumn,
  cellValue,
  columnNameProblem,
  guessFormat,
  looksLikeBrokenJson,
  removeColumn,
  rowsFromTable,
  setCell,
  tableFromRows,
} from './dataset-table';

describe('dataset table model', () => {
  const table = tableFromRows([
    { inputs: { question: 'Hi', meta: { lang: 'en' } }, hasExpected: true, expected: 'Hello' },
    { inputs: { question: 'Bye', extra: 3 }, hasExpected: false, expected: null },
  ]);

  it('reads rows into text cells, columns in first-seen order', () => {
    expect(table.columns).toEqual(['question', 'meta', 'extra']);
    expect(table.rows.map((row) => row.cells)).toEqual([
      { question: 'Hi', meta: '{"lang":"en"}', extra: '' },
      { question: 'Bye', meta: '', extra: '3' },
    ]);
    expect(table.rows.map((row) => row.expected)).toEqual(['Hello', '']);
  });

  it('saves JSON objects and arrays as values, everything else as text; empty cells are left out', () => {
    expect(rowsFromTable(table)).toEqual([
      { inputs: { question: 'Hi', meta: { lang: 'en' } }, expected: 'Hello' },
      { inputs: { question: 'Bye', extra: '3' } },
    ]);
    expect(cellValue('[1, 2]')).toEqual([1, 2]);
    expect(cellValue('{nope')).toBe('{nope');
    expect(looksLikeBrokenJson('{nope}')).toBe(true);
    expect(looksLikeBrokenJson('plain')).toBe(false);
  });

  it('adds, removes and edits columns and cells', () => {
    const added = addColumn(table, 'tone');
    expect(added.rows[0]?.cells.tone).toBe('');
    const removed = removeColumn(added, 'meta');
    expect(removed.columns).toEqual(['question', 'extra', 'tone']);
    expect(removed.rows[0]?.cells).toEqual({ question: 'Hi', extra: '', tone: '' });
    const key = removed.rows[1]?.key ?? '';
    const edited = setCell(setCell(removed, key, 'tone', 'polite'), key, null, 'Goodbye');
    expect(edited.rows[1]).toMatchObject({ cells: { tone: 'polite' }, expected: 'Goodbye' });
  });

  it('checks new column names like the server does', () => {
    expect(columnNameProblem('question', table.columns)).toMatch(/already/);
    expect(columnNameProblem('expected', table.columns)).toMatch(/expected-output/);
    expect(columnNameProblem('2x', table.columns)).toMatch(/letter/);
    expect(columnNameProblem('tone', table.columns)).toBeNull();
  });

  it('guesses the import format', () => {
    expect(guessFormat('', 'rows.JSON')).toBe('json');
    expect(guessFormat('a,b\n1,2')).toBe('csv');
    expect(guessFormat('  [{"inputs":{}}]')).toBe('json');
  });
});
