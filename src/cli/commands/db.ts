import type { Command } from 'commander';
import { adapterFactoryFor } from '../../db/adapter.js';
import { diffMigration } from '../../db/migrate.js';
import { MIGRATIONS_DIR, SCHEMA_PATH } from '../../db/paths.js';
import { parseDatabaseUrl } from '../../db/url.js';
import { print } from '../context.js';
import type { CommandContext } from '../context.js';

export function registerDb(program: Command, ctx: CommandContext): void {
  const db = program.command('db').description('database maintenance: migrations');
  db.command('migrate')
    .description('apply pending migrations (every command also does this before touching the database)')
    .addHelpText('after', '\nExample:\n  mizan db migrate --db file:./data/team.db')
    .action(async () => {
      const opened = await ctx.openDb();
      print(ctx.io, opened.applied.length === 0 ? 'database is up to date' : `applied: ${opened.applied.join(', ')}`);
    });
  db.command('diff')
    .argument('<name>', 'name of the new migration (letters, digits, _)')
    .description('write prisma/migrations/<timestamp>_<name>/ with the SQL from the migrations to prisma/schema.prisma')
    .option('--schema <file>', 'schema file', SCHEMA_PATH)
    .option('--migrations <dir>', 'migrations folder', MIGRATIONS_DIR)
    .addHelpText('after', '\nExample (after editing prisma/schema.prisma):\n  mizan db diff add_article_summary')
    .action(async (name: string, opts: { schema: string; migrations: string }) => {
      const target = parseDatabaseUrl(ctx.config().dbUrl, ctx.io.cwd);
      const written = await diffMigration(adapterFactoryFor(target), { schemaPath: opts.schema, migrationsDir: opts.migrations }, name);
      print(ctx.io, written === null ? 'no changes: the schema matches the migrations' : `wrote ${opts.migrations}/${written}/migration.sql`);
    });
}
