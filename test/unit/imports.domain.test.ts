import { describe, expect, it } from 'vitest';
import {
  chunks,
  defaultMapping,
  detectDelimiter,
  parseCsv,
  toCsv,
  unknownColumns,
  validateRows,
} from '../../src/modules/imports/imports.domain';
import { IMPORT_FIELDS } from '../../src/shared/imports.schemas';

describe('CSV reading', () => {
  it('detects comma, semicolon and tab delimiters from the header', () => {
    expect(detectDelimiter('a,b,c\n1;2')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2')).toBe('\t');
    expect(detectDelimiter('title')).toBe(',');
  });

  it('parses quotes, doubled quotes, embedded newlines, CRLF, a BOM, and skips blank lines', () => {
    const text = '\uFEFFa,b\r\n"x, ""y""","line1\nline2"\r\n\r\n3,\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line1\nline2'],
      ['3', ''],
    ]);
  });

  it('maps headers named like fields by default and names unknown columns', () => {
    expect(defaultMapping(['Title', 'quantity', 'colour'])).toEqual({ title: 'Title', quantity: 'quantity' });
    expect(unknownColumns(['Naam'], { title: 'Naam', unit: 'Eenheid' })).toEqual(['unit']);
  });
});

describe('row validation', () => {
  const header = ['title', 'quantity', 'unit', 'kind', 'condition', 'category'];
  const mapping = defaultMapping(header);

  it('uses the API schema, reads decimal commas, names row and column of each failing cell', () => {
    const result = validateRows({
      header,
      rows: [
        ['MDF sheets', '3,5', 'sheets', 'offcut', 'good', 'mdf'],
        ['MDF sheets', 'many', 'sheets', 'offcut', 'good', 'mdf'],
        ['M', '1', 'hours', 'machine_time', 'good', 'mdf'],
      ],
      mapping,
      hub: 'lab',
      locale: 'nl',
    });
    expect(result.valid.map((r) => [r.rowNumber, r.input.quantity])).toEqual([[1, 3.5]]);
    expect(result.errors.map((e) => [e.rowNumber, e.field, e.column])).toEqual([
      [2, 'quantity', 'quantity'],
      [3, 'title', 'title'],
    ]);
  });
});

describe('export', () => {
  it('quotes delimiters and guards formulas, and reads back unchanged', () => {
    const row = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as Record<
      string,
      string | number | null
    >;
    const csv = toCsv([{ ...row, title: '=1+1', description: 'a, "b"', quantity: 2.5 } as never]);
    const [head, line] = parseCsv(csv);
    expect(head).toEqual([...IMPORT_FIELDS]);
    expect(line?.[1]).toBe("'=1+1");
    expect(line?.[2]).toBe('a, "b"');
    expect(line?.[4]).toBe('2.5');
  });

  it('chunks keep order and size', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
