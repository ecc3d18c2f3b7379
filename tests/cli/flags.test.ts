import { describe, expect, it } from 'vitest';
import { dateFlag, enumFlag, integerFlag, integerListFlag, listFlag, numberFlag } from '../../src/cli/flags.js';
import { UsageError } from '../../src/cli/errors.js';
import { EXIT_USAGE } from '../../src/errors.js';
import { runCli } from '../helpers/cli.js';

describe('flags.ts', () => {
  it('integerFlag takes whole numbers in range and refuses "2x", "1.5", "" and out-of-range values', () => {
    expect(integerFlag('--n', '7', 1, 10)).toBe(7);
    expect(integerFlag('--n', ' 3 ', 1, 10)).toBe(3);
    for (const bad of ['2x', '1.5', '', ' ', 'NaN', '-1', '0', '11', '1e1', '0x5']) {
      expect(() => integerFlag('--n', bad, 1, 10)).toThrow(UsageError);
    }
    expect(() => integerFlag('--n', '2x', 1, 10)).toThrow('--n: "2x" is not a whole number from 1 to 10');
  });

  it('numberFlag takes decimals and refuses text, infinity and the empty string', () => {
    expect(numberFlag('--lr', '0.05', 0, 1)).toBe(0.05);
    expect(numberFlag('--lr', '.5', 0, 1)).toBe(0.5);
    expect(numberFlag('--lr', '1e-3', 0, 1)).toBe(0.001);
    for (const bad of ['2x', '', 'Infinity', '1.5.2', '2', '-0.1']) expect(() => numberFlag('--lr', bad, 0, 1)).toThrow(UsageError);
  });

  it('enumFlag, listFlag and integerListFlag name the allowed values', () => {
    expect(enumFlag('--f', 'csv', ['csv', 'jsonl'])).toBe('csv');
    expect(() => enumFlag('--f', 'xml', ['csv', 'jsonl'])).toThrow('--f: "xml" is not one of csv, jsonl');
    expect(listFlag('--l', 'b, a,b', ['a', 'b'])).toEqual(['b', 'a']);
    expect(() => listFlag('--l', ',', ['a'])).toThrow(UsageError);
    expect(integerListFlag('--k', '1,2', 1, 5)).toEqual([1, 2]);
    expect(() => integerListFlag('--k', '1,2x', 1, 5)).toThrow(UsageError);
  });

  it('dateFlag takes calendar days and instants, and refuses days that do not exist', () => {
    expect(dateFlag('--since', '2026-01-31').toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(dateFlag('--since', '2026-01-31T12:00:00Z').toISOString()).toBe('2026-01-31T12:00:00.000Z');
    for (const bad of ['2026-02-31', '', 'yesterday', '2026-1-1']) expect(() => dateFlag('--since', bad)).toThrow(UsageError);
  });
});

// A sample of flags across commands: each refuses "2x", "1.5" and "" before touching any file or
// database, with one line naming the flag and exit code 2.
describe('every command parses its option values with flags.ts', () => {
  const cases: [string[], string][] = [
    [['label', '--overlap'], '--overlap'],
    [['classify', '--in', 'x.csv', '--out', 'y.csv', '--threads'], '--threads'],
    [['export', '--out', 'x.csv', '--codebook-version'], '--codebook-version'],
    [['serve', '--port'], '--port'],
    [['serve', '--workers'], '--workers'],
    [['train', '--epochs'], '--epochs'],
  ];
  for (const [argv, flag] of cases) {
    it(`${argv[0]} ${flag}`, async () => {
      for (const bad of ['2x', '1.5', '']) {
        const r = await runCli(['--db', 'file:/nonexistent/dir/never.db', ...argv, bad]);
        expect(r.code).toBe(EXIT_USAGE);
        expect(r.stderr).toMatch(new RegExp(`^mizan: ${flag}: "${bad.replace('.', '\\.')}" is not `));
        expect(r.stderr.split('\n')).toHaveLength(2);
      }
    });
  }
});
