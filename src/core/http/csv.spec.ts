import { text } from 'node:stream/consumers';
import { Readable } from 'node:stream';
import { acceptsCsv, csvField, csvFile, csvRecord } from './csv';

describe('csv', () => {
  it('quotes what RFC 4180 says must be quoted, and only that', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvRecord(['a', 2, undefined])).toBe('a,2,\r\n');
  });

  it('answers CSV only when the caller prefers it to JSON', () => {
    expect(acceptsCsv('text/csv')).toBe(true);
    expect(acceptsCsv('text/csv, application/json;q=0.5')).toBe(true);
    expect(acceptsCsv('application/json, text/csv;q=0.5')).toBe(false);
    expect(acceptsCsv('*/*')).toBe(false);
    expect(acceptsCsv(undefined)).toBe(false);
    expect(acceptsCsv('text/csv;q=0')).toBe(false);
  });

  it('streams the header row, then a record per row', async () => {
    const rows = Readable.from([
      ['a', 1],
      ['b,c', 2],
    ]) as AsyncIterable<(string | number)[]>;
    const file = csvFile(['name', 'n'], rows, 'x.csv');
    expect(file.getHeaders()).toMatchObject({ type: expect.stringMatching(/^text\/csv/) });
    expect(await text(file.getStream())).toBe('name,n\r\na,1\r\n"b,c",2\r\n');
  });
});
