import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv';
import { rowsFromCsv, rowsFromJson } from './import-rows';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes, line breaks inside quotes, CRLF and a BOM', () => {
    const text = '\uFEFFq,expected\r\n"Paris, France","say ""hi"""\r\n"two\nlines",x\n\n';
    expect(parseCsv(text)).toEqual([
      ['q', 'expected'],
      ['Paris, France', 'say "hi"'],
      ['two\nlines', 'x'],
    ]);
  });

  it('names the line of an unclosed quote and of text after a closing quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(new CsvError('a quoted field is never closed', 2));
    expect(() => parseCsv('a\n"x"y')).toThrow(/Line 2: text after a closing quote/);
  });
});

describe('rowsFromCsv', () => {
  it('maps the expected column apart from the inputs; an empty expected cell is none', () => {
    expect(rowsFromCsv('country,expected\nFrance,Paris\nPeru,', 10)).toEqual({
      ok: true,
      rows: [{ inputs: { country: 'France' }, expected: 'Paris' }, { inputs: { country: 'Peru' } }],
    });
  });

  it('refuses ragged rows, bad or duplicate column names and too many rows with a clear message', () => {
    expect(rowsFromCsv('a,b\n1', 10)).toEqual({
      ok: false,
      message: 'Row 1 has 1 cells but the header names 2 columns.',
    });
    expect(rowsFromCsv('my col\n1', 10)).toMatchObject({
      ok: false,
      message: expect.stringContaining('"my col"'),
    });
    expect(rowsFromCsv('a,a\n1,2', 10)).toEqual({ ok: false, message: 'Column "a" appears twice.' });
    expect(rowsFromCsv('a\n1\n2\n3', 2)).toEqual({
      ok: false,
      message: 'At most 2 rows can be imported at once.',
    });
    expect(rowsFromCsv('', 2)).toMatchObject({ ok: false });
  });
});

describe('rowsFromJson', () => {
  it('accepts nested and flat rows and keeps JSON types', () => {
    const text = JSON.stringify([{ inputs: { n: 2 }, expected: 4 }, { n: 3, expected: null }, { n: 5 }]);
    expect(rowsFromJson(text, 10)).toEqual({
      ok: true,
      rows: [{ inputs: { n: 2 }, expected: 4 }, { inputs: { n: 3 }, expected: null }, { inputs: { n: 5 } }],
    });
  });

  it('refuses non-arrays, non-object rows, bad keys and broken JSON', () => {
    expect(rowsFromJson('{}', 10)).toEqual({ ok: false, message: 'The JSON must be an array of rows.' });
    expect(rowsFromJson('[1]', 10)).toEqual({ ok: false, message: 'Row 1 is not an object.' });
    expect(rowsFromJson('[{"a b":1}]', 10)).toMatchObject({
      ok: false,
      message: expect.stringContaining('"a b"'),
    });
    expect(rowsFromJson('[', 10)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Not valid JSON/),
    });
  });
});
