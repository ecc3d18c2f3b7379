// Database problems a user meets, through the CLI: one line naming the database (password hidden)
// and what to do, exit 1 (75 where retrying can help), never "internal error" (70).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { runCli } from '../helpers/cli.js';
import { HAS_PG, PG_URL, tempPgUrl } from '../helpers/pg.js';
import { tempDir } from '../helpers/temp.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const pgUrl = (change: (u: URL) => void) => {
  const u = new URL(PG_URL!);
  change(u);
  return u.toString();
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

function expectOneLine(r: { code: number; stderr: string }, code: number, pattern: RegExp) {
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.code).toBe(code);
}

describe.skipIf(!HAS_PG)('PostgreSQL errors', () => {
  it('a wrong password: exit 1, the URL with the password hidden', async () => {
    const url = pgUrl((u) => (u.password = 'not-the-password'));
    const r = await runCli(['--db', url, 'stats']);
    expectOneLine(r, 1, /^mizan: postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres: the server refused the user name or password/);
    expect(r.stderr).not.toContain('not-the-password');
  });

  it('an unreachable server (a closed port on loopback): exit 75, try again', async () => {
    const port = await freePort();
    const r = await runCli(['--db', pgUrl((u) => (u.port = String(port))), 'stats']);
    expectOneLine(r, 75, new RegExp(`cannot reach the PostgreSQL server at 127\\.0\\.0\\.1:${port}`));
  });

  it('a missing database: exit 1, how to create it', async () => {
    const r = await runCli(['--db', pgUrl((u) => (u.pathname = '/mizan_no_such_db')), 'stats']);
    expectOneLine(r, 1, /the database does not exist on the server: create it \(createdb mizan_no_such_db\)/);
  });

  it('permission denied (a role without rights on the tables): exit 1', async () => {
    const url = await tempPgUrl();
    await (await openDatabase(url)).close();
    const role = `mizan_noperm_${process.pid}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'`);
    await admin.end();
    cleanups.push(() => {
      spawnSync('psql', [PG_URL!, '-qc', `DROP OWNED BY ${role}; DROP ROLE IF EXISTS ${role}`], { stdio: 'ignore' });
    });
    const asRole = (() => {
      const u = new URL(url);
      u.username = role;
      u.password = 'pw';
      return u.toString();
    })();
    const r = await runCli(['--db', asRole, 'stats']);
    expectOneLine(r, 1, /permission denied: the user needs rights on this database and its tables/);
    expect(r.stderr).toContain(`${role}:***@`);
  });
});

describe('SQLite errors', () => {
  it('a file that is not an SQLite database: exit 1, names the path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.db'), 'these are my notes, not a database\n'.repeat(200));
    const r = await runCli(['--db', `file:${join(dir, 'notes.db')}`, 'stats']);
    expectOneLine(r, 1, new RegExp(`${join(dir, 'notes.db')}: is not an SQLite database`));
  });

  it('commands that only read do not create a database', async () => {
    const dir = tempDir();
    for (const argv of [
      ['stats'],
      ['export', '--out', 'x.csv'],
      ['codebook', 'show'],
      ['train'],
      ['serve', '--port', '0'],
      ['report', '--field', 'topics'],
      ['train', '--curve'],
    ]) {
      const r = await runCli(['--db', 'file:typo/x.db', ...argv], { cwd: dir });
      expectOneLine(r, 1, new RegExp(`^mizan: no database at ${join(dir, 'typo', 'x.db')} \\(mizan import creates one\\)`));
    }
    expect(existsSync(join(dir, 'typo'))).toBe(false);
  });

  it('a read-only file (chattr +i, which binds root too): exit 1, what to do', async (t) => {
    const dir = tempDir();
    const file = join(dir, 'ro.db');
    await (await openDatabase(`file:${file}`)).close();
    if (spawnSync('chattr', ['+i', file]).status !== 0) t.skip();
    cleanups.push(() => spawnSync('chattr', ['-i', file]));
    const r = await runCli(['--db', `file:${file}`, 'codebook', 'import', new URL('../../seeds/codebook.yaml', import.meta.url).pathname]);
    expectOneLine(r, 1, new RegExp(`${file}: is read-only: make the file and its directory writable`));
  });

  it('a full disk (a 1 MB tmpfs): exit 1, nothing changed', async (t) => {
    const dir = tempDir();
    const mnt = join(dir, 'small');
    mkdirSync(mnt);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]).status !== 0) t.skip();
    cleanups.push(() => spawnSync('umount', ['-l', mnt]));
    const file = join(mnt, 'full.db');
    await (await openDatabase(`file:${file}`)).close();
    const rows = ['id,text'];
    for (let i = 0; i < 800; i++) rows.push(`${i},"${`خبر رقم ${i} عن الأمن والتعاون `.repeat(40)}"`);
    writeFileSync(join(dir, 'big.csv'), rows.join('\n'));
    const r = await runCli(['--db', `file:${file}`, 'import', join(dir, 'big.csv'), '--id-col', 'id']);
    expectOneLine(r, 1, new RegExp(`${file}: the disk is full: free some space and run the command again`));
    execFileSync('sync');
    const after = new Sqlite(file, { readonly: true });
    expect(after.prepare('SELECT count(*) AS n FROM "Article"').get()).toEqual({ n: 0 });
    after.close();
  });
});

describe('--version', () => {
  it('codebook show --version N shows version N; the program version needs -V/--version before the command', async () => {
    const dir = tempDir();
    const seeds = new URL('../../seeds/codebook.yaml', import.meta.url).pathname;
    expect((await runCli(['codebook', 'import', seeds], { cwd: dir })).code).toBe(0);
    const shown = await runCli(['codebook', 'show', '--version', '1'], { cwd: dir });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^# codebook version 1, created /);
    expect(shown.stdout).toContain('name: Maghreb security');
    const missing = await runCli(['codebook', 'show', '--version', '9'], { cwd: dir });
    expect(missing).toMatchObject({ code: 1, stderr: 'mizan: there is no codebook version 9 (versions: 1)\n' });
    const bad = await runCli(['codebook', 'show', '--version', '1x'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--version: "1x" is not a whole number');
    expect((await runCli(['--version'])).stdout).toBe('0.1.0\n');
    expect((await runCli(['--db', 'file:x.db', '-V'])).stdout).toBe('0.1.0\n');
  });
});
