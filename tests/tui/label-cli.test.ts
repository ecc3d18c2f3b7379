import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { join } from 'node:path';

describe('mizan label (CLI edge)', () => {
  it('without a terminal: one line saying what to run, exit 2', async () => {
    const url = `file:${join(tempDir(), 'm.db')}`;
    const r = await runCli(['--db', url, 'label']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/needs a terminal: run `npm start`/);
  });

  it('rejects an unknown queue, a bad overlap and a bad --rtl with a usage error', async () => {
    for (const args of [
      ['--queue', 'later'],
      ['--overlap', '0'],
      ['--rtl', 'sideways'],
      ['--adjudicate', '--queue', 'skipped'],
    ]) {
      const r = await runCli(['--db', `file:${join(tempDir(), 'm.db')}`, 'label', ...args]);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toContain(args[0]);
    }
  });

  it('--help lists the options and keys', async () => {
    const r = await runCli(['label', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--annotator');
    expect(r.stdout).toContain('disagreements');
    expect(r.stdout).toContain('--adjudicate');
  });
});
