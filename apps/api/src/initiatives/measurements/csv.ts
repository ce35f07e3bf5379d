/**
 * A small RFC 4180 reader: comma-separated, fields optionally in double quotes ("" for a quote
 * inside), CRLF or LF line ends, a leading byte-order mark ignored. Blank lines are skipped.
 * Throws CsvError on an unterminated quote or text after a closing quote.
 */
export class CsvError extends Error {}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0].trim() === '')) rows.push(row);
    row = [];
    field = '';
    afterQuote = false;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        afterQuote = true;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      afterQuote = false;
    } else if (c === '\r' && src[i + 1] === '\n') {
      /* the \n ends the row */
    } else if (c === '\n') {
      endRow();
      line++;
    } else if (afterQuote) throw new CsvError(`line ${line}: text after a closing quote; quote the whole field`);
    else if (c === '"' && field === '') quoted = true;
    else field += c;
  }
  if (quoted) throw new CsvError(`line ${line}: a quoted field is not closed`);
  if (field !== '' || row.length) endRow();
  return rows;
}
