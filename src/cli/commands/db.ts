import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { adapterFactoryFor } from '../../db/adapter.js';
import { MigrationError } from '../../db/errors.js';
import { diffMigration } from '../../db/migrate.js';
import { LAYOUTS, PACKAGE_ROOT } from '../../db/paths.js';
import { parseDatabaseUrl } from '../../db/url.js';
import { print } from '../context.js';
import { registerDbData } from './db-data.js';
import type { CommandContext } from '../context.js';

export function registerDb(program: Command, ctx: CommandContext): void {
  const db = program.command('db').description('database maintenance: migrations, copy to another database, backup, check');
  db.command('migrate')
    .description('apply pending migrations (every command also does this before touching the database)')
    .addHelpText('after', '\nExamples:\n  mizan db migrate --db file:./data/team.db\n  mizan db migrate --db postgresql://mizan:secret@localhost:5432/mizan')
    .action(async () => {
      const opened = await ctx.openDb({ baselineWasm: true });
      print(ctx.io, opened.applied.length === 0 ? 'database is up to date' : `applied: ${opened.applied.join(', ')}`);
    });
  db.command('diff')
    .argument('<name>', 'name of the new migration (letters, digits, _)')
    .description('after editing prisma/schema.prisma: regenerate the clients and write the new SQLite (and PostgreSQL) migration')
    .option('--postgres <url>', 'a PostgreSQL server to write the PostgreSQL migration with [env MIZAN_PG_URL]')
    .addHelpText(
      'after',
      `
SQLite migrations need no server. The PostgreSQL migration is written when a server is given
(--postgres, MIZAN_PG_URL, or --db postgresql://...): the engine replays the migrations on a
temporary shadow database there, which it drops afterwards.

Example:
  mizan db diff add_article_summary --postgres postgresql://postgres@localhost:5432/postgres`,
    )
    .action(async (name: string, opts: { postgres?: string }) => {
      const generated = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'scripts', 'generate-prisma.mjs')], { stdio: ['ignore', 'ignore', 'pipe'] });
      if (generated.status !== 0) throw new MigrationError(`prisma generate failed: ${generated.stderr.toString().trim().split('\n').at(-1)}`);
      // The SQLite engine needs a database to connect to; the diff itself replays on an in-memory shadow.
      const scratch = mkdtempSync(join(tmpdir(), 'mizan-diff-'));
      let sqlite: string | null;
      try {
        sqlite = await diffMigration(adapterFactoryFor(parseDatabaseUrl(`file:${join(scratch, 'scratch.db')}`)), LAYOUTS.sqlite, name);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
      print(ctx.io, sqlite === null ? 'sqlite: no changes' : `sqlite: wrote prisma/migrations/${sqlite}/migration.sql`);
      const config = ctx.config();
      const pgUrl = opts.postgres ?? config.pgUrl ?? (/^postgres/i.test(config.dbUrl) ? config.dbUrl : undefined);
      if (pgUrl === undefined) {
        print(ctx.io, 'postgresql: skipped (no server given: --postgres URL or MIZAN_PG_URL)');
        return;
      }
      const pg = await diffMigration(adapterFactoryFor(parseDatabaseUrl(pgUrl)), LAYOUTS.postgresql, name);
      print(ctx.io, pg === null ? 'postgresql: no changes' : `postgresql: wrote prisma/postgresql/migrations/${pg}/migration.sql`);
    });
  registerDbData(db, ctx);
}
