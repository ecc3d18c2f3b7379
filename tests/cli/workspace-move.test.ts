// README, "Team mode": moving a workspace from SQLite to PostgreSQL through CSV, run exactly as
// written: `mizan --db file:./data/mizan.db export --out all.csv --include-text`, then
// `mizan --db postgresql://… import all.csv --labels` into a new, empty database.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { populateEverything } from '../db/full-fixture.js';
import { runCli } from '../helpers/cli.js';
import { HAS_PG, tempPgUrl } from '../helpers/pg.js';
import { tempDir } from '../helpers/temp.js';

async function workspace(): Promise<string> {
  const cwd = tempDir();
  const db = await openDatabase('file:./data/mizan.db', { cwd });
  await populateEverything(db);
  await db.close();
  return cwd;
}

const exportText = async (cwd: string, url: string, out: string, extra: string[] = []) => {
  const r = await runCli(['--db', url, 'export', '--out', out, '--include-text', ...extra], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(cwd, out), 'utf8');
};

describe.each([
  ['postgresql', HAS_PG],
  ['sqlite', true],
])("README's recipe for moving a workspace, into an empty %s database", (kind, enabled) => {
  it.skipIf(!enabled)('works as written: same labels (with updated_at), same codebook versions', async () => {
    const cwd = await workspace();
    const to = kind === 'postgresql' ? await tempPgUrl() : 'file:./moved/mizan.db';

    const exported = await runCli(['--db', 'file:./data/mizan.db', 'export', '--out', 'all.csv', '--include-text'], { cwd });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain('its codebook to all.codebook.yaml');
    expect(existsSync(join(cwd, 'all.codebook.yaml'))).toBe(true);
    const imported = await runCli(['--db', to, 'import', 'all.csv', '--labels'], { cwd });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('codebook versions 1, 2 from all.codebook.yaml');

    // Every column of every label, updated_at and codebook_version included, in both layouts.
    expect(await exportText(cwd, to, 'after.csv')).toBe(await exportText(cwd, 'file:./data/mizan.db', 'before.csv'));
    expect(await exportText(cwd, to, 'after-long.csv', ['--layout', 'long'])).toBe(
      await exportText(cwd, 'file:./data/mizan.db', 'before-long.csv', ['--layout', 'long']),
    );
    for (const v of ['1', '2']) {
      const a = await runCli(['--db', 'file:./data/mizan.db', 'codebook', 'show', '--version', v], { cwd });
      const b = await runCli(['--db', to, 'codebook', 'show', '--version', v], { cwd });
      expect(b.code, b.stderr).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });
});

describe('import --labels --codebook', () => {
  it('takes the codebook from the named file; a bad row leaves neither labels nor codebook', async () => {
    const cwd = await workspace();
    expect((await exportText(cwd, 'file:./data/mizan.db', 'all.csv')).length).toBeGreaterThan(0);
    const moved = 'file:./moved.db';
    const { renameSync, writeFileSync } = await import('node:fs');
    renameSync(join(cwd, 'all.codebook.yaml'), join(cwd, 'book.yaml'));
    const without = await runCli(['--db', moved, 'import', 'all.csv', '--labels'], { cwd });
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('the database has no codebook to check labels against');
    const bad = readFileSync(join(cwd, 'all.csv'), 'utf8').replace(/,annotation,/, ',nonsense,');
    writeFileSync(join(cwd, 'bad.csv'), bad);
    const failed = await runCli(['--db', moved, 'import', 'bad.csv', '--labels', '--codebook', 'book.yaml'], { cwd });
    expect(failed.code).toBe(1);
    const none = await runCli(['--db', moved, 'codebook', 'show'], { cwd });
    expect(none.stdout).toContain('No codebook yet');
    const ok = await runCli(['--db', moved, 'import', 'all.csv', '--labels', '--codebook', 'book.yaml'], { cwd });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('codebook versions 1, 2 from book.yaml');
  });
});
