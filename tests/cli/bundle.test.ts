// The bundle (dist/mizan.js, what `mizan` runs once installed) works: `npm test` builds it first
// (pretest), and this runs it for a few commands that load the CLI, Prisma's query compiler (read
// from the .wasm file beside the bundle) and the import engine.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function bundled(args: string[], cwd: string) {
  const env = { ...process.env };
  delete env['MIZAN_FROM_SOURCES'];
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/mizan.js'), ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

it('bin/mizan.js runs the current bundle: version, import, stats and a usage error', () => {
  const dir = tempDir();
  const version = bundled(['--version'], dir);
  // A stale or missing bundle says so here: run `npm run build` (npm test does).
  expect(version.stderr).toBe('');
  expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  const db = `file:${join(dir, 'b.db')}`;
  writeFileSync(join(dir, 'a.csv'), 'id,text\nx1,خبر عن التعاون الأمني بين الجزائر والمغرب\nx2,خبر آخر عن الاقتصاد الليبي\n');
  const imported = bundled(['--db', db, 'import', 'a.csv', '--id-col', 'id'], dir);
  expect(imported.stdout).toMatch(/^imported 2 articles/);
  expect(imported.code).toBe(0);
  const stats = bundled(['--db', db, 'stats', '--json'], dir);
  expect(stats.code).toBe(0);
  expect(JSON.parse(stats.stdout)).toMatchObject({ articles: 2 });
  const bad = bundled(['--db', db, 'export', '--out', 'x.csv', '--codebook-version', '2x'], dir);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toBe('mizan: --codebook-version: "2x" is not a whole number from 1 to 9007199254740991\n');
}, 120_000);
