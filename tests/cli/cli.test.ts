import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeEachProvider } from '../helpers/providers.js';
import { tempDir } from '../helpers/temp.js';

const SEED_CODEBOOK = new URL('../../seeds/codebook.yaml', import.meta.url).pathname;
const SEEDS = new URL('../../seeds/', import.meta.url).pathname;

describe('mizan CLI', () => {
  it('lists every command of the design in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['import', 'label', 'train', 'classify', 'eval', 'serve', 'export', 'stats', 'codebook', 'db']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(r.stdout).toContain('--db <url>');
    expect(r.stdout).toContain('--models <dir>');
  });

  it.each(['import', 'codebook show', 'codebook import', 'db migrate', 'db diff'])('`%s --help` explains the command with an example', async (command) => {
    const r = await runCli([...command.split(' '), '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: mizan /);
    expect(r.stdout).toMatch(/Example/);
  });

  it('an unknown command or option is a usage error (exit 2)', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const r = await runCli(['import', '--no-such-flag', 'x.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--no-such-flag'/);
  });

  it('uses --db over DATABASE_URL over the default', async () => {
    const dir = tempDir();
    const viaEnv = await runCli(['codebook', 'import', SEED_CODEBOOK], { cwd: dir, env: { DATABASE_URL: `file:${join(dir, 'env.db')}` } });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stdout).toMatch(/version 1: 8 topics, 3 stance targets, 4 stance values/);
    // codebook show only reads: the flag's file does not exist, and is not created.
    const viaFlag = await runCli(['--db', `file:${join(dir, 'flag.db')}`, 'codebook', 'show'], {
      cwd: dir,
      env: { DATABASE_URL: `file:${join(dir, 'env.db')}` },
    });
    expect(viaFlag.stderr).toBe(`mizan: no database at ${join(dir, 'flag.db')} (mizan import creates one)\n`);
    const viaDefault = await runCli(['db', 'migrate'], { cwd: dir });
    expect(viaDefault.code).toBe(0);
    const shown = await runCli(['codebook', 'show'], { cwd: dir, env: { DATABASE_URL: `file:${join(dir, 'env.db')}` } });
    expect(shown.stdout).toMatch(/^# codebook version 1/m);
    expect(shown.stdout).toContain('key: counter_terrorism');
  });
});

// The same commands on a SQLite file and on a real PostgreSQL database, through --db.
describeEachProvider('mizan CLI on a database', (p) => {
  it('db migrate, codebook import/show, import and stats', async () => {
    const url = await p.freshUrl();
    const migrated = await runCli(['--db', url, 'db', 'migrate']);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^(applied: \d+_init(, \d+_\w+)*|database is up to date)\n$/);
    expect((await runCli(['--db', url, 'db', 'migrate'])).stdout).toBe('database is up to date\n');
    const imported = await runCli(['--db', url, 'codebook', 'import', SEED_CODEBOOK]);
    expect(imported.stdout).toMatch(/version 1: 8 topics, 3 stance targets, 4 stance values/);
    // Importing the same file again is not a new version.
    await runCli(['--db', url, 'codebook', 'import', SEED_CODEBOOK]);
    const shown = await runCli(['--db', url, 'codebook', 'show']);
    expect(shown.stdout).toMatch(/^# codebook version 1/m);
    const pages = await runCli(['--db', url, 'import', SEEDS]);
    expect(pages.code).toBe(0);
    const again = await runCli(['--db', url, 'import', SEEDS]);
    expect(again.code).toBe(0);
    const stats = await runCli(['--db', url, 'stats', '--json']);
    expect(stats.code).toBe(0);
    const summary = JSON.parse(stats.stdout) as { articles: number; codebookVersion: number; labeled: number; bySource: { articles: number }[] };
    expect(summary).toMatchObject({ articles: 5, codebookVersion: 1, labeled: 0 });
    expect(summary.bySource.reduce((n, s) => n + s.articles, 0)).toBe(5);
    const table = await runCli(['--db', url, 'stats']);
    expect(table.stdout).toMatch(/^articles: 5 \(labeled by at least one annotator: 0, skipped labels: 0\)$/m);
  });

  it('bad input: one line naming the file, exit 1, nothing written', async () => {
    const url = await p.freshUrl();
    const dir = tempDir();
    const missing = await runCli(['--db', url, 'codebook', 'import', join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`mizan: ${join(dir, 'nope.yaml')}: no such file\n`);
    expect((await runCli(['--db', url, 'codebook', 'show'])).stdout).toMatch(/No codebook yet/);
    expect(JSON.parse((await runCli(['--db', url, 'stats', '--json'])).stdout)).toMatchObject({ articles: 0, codebookVersion: null });
  });
});
