/** A CSV parse failure, with the 1-based line it happened on. */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

/**
 * Parses RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks; CRLF or LF line ends;
 * a byte-order mark is dropped; blank lines are skipped. A field that opens a quote and never closes it, or
 * text after a closing quote, is an error naming the line.
 */
export function parseCsv(text: string): string[][] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let quoted = false;
  let fieldStartLine = 1;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < source.length) {
    const char = source[i] as string;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = source[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvError(
            'text after a closing quote (quote the whole field and double inner quotes)',
            line,
          );
        }
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
      fieldStartLine = line;
      i += 1;
    } else if (char === ',') {
      endField();
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRow();
      i += char === '\r' && source[i + 1] === '\n' ? 2 : 1;
      line += 1;
    } else {
      field += char;
      i += 1;
    }
  }
  if (quoted) throw new CsvError('a quoted field is never closed', fieldStartLine);
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
