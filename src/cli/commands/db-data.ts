// `mizan db copy | backup | check`: moving, saving and checking a workspace's data.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { redactUrl } from '../../db/access-errors.js';
import { parseDatabaseUrl } from '../../db/url.js';
import { print } from '../context.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { integerFlag } from '../flags.js';
import { createProgress } from '../progress.js';

export function registerDbData(db: Command, ctx: CommandContext): void {
  db.command('copy')
    .description('copy everything in --db to another database (SQLite ↔ PostgreSQL, either way), ids and timestamps unchanged')
    .requiredOption('--to <url>', 'the database to copy into: file:PATH or postgresql://… (migrated first; must be empty unless --merge)')
    .option('--merge', 'copy into a database that has data: rows whose key is already there are left as they are')
    .option('--batch <rows>', 'rows per batch read and written', (v: string) => integerFlag('--batch', v, 1, 100_000), 5000)
    .addHelpText(
      'after',
      `
Every table is copied (codebook versions, annotators, import batches, articles with their raw text,
labels with topics and stances, the whole label history, claims, model versions, and any table a
later version adds), in one transaction on the target: a failure leaves it as it was. Before it
commits, the copy counts the rows of every table again and compares a checksum of the label tables
read back from the target with the source's; the summary says so.

Examples:
  mizan db copy --to postgresql://mizan:secret@localhost:5432/mizan
  mizan --db postgresql://mizan:secret@db.lan/mizan db copy --to file:./laptop.db
  mizan db copy --to postgresql://mizan@localhost/team --merge`,
    )
    .action(async (opts: { to: string; merge?: boolean; batch: number }) => {
      const { copyDatabase } = await import('../../db/copy/copy.js');
      const from = ctx.config().dbUrl;
      const bar = createProgress(ctx.io.stderr, 'copying');
      try {
        const s = await copyDatabase(from, opts.to, {
          cwd: ctx.io.cwd,
          merge: opts.merge === true,
          batchRows: opts.batch,
          onProgress: (done, total, table) => bar.update(done, { total, suffix: table }),
        });
        bar.finish();
        const rate = Math.round(s.rows / Math.max(s.seconds, 0.001));
        const tables = s.tables.map((t) => (opts.merge === true ? `${t.table} +${t.added} (${t.after})` : `${t.table} ${t.after}`)).join(', ');
        print(
          ctx.io,
          `copied ${s.added} of ${s.rows} rows to ${shown(opts.to)} in ${s.seconds.toFixed(1)} s (${rate} rows/s)${opts.merge === true ? `, ${s.rows - s.added} already there` : ''}: ${tables}`,
        );
        print(
          ctx.io,
          `verified: row counts of ${s.tables.length} tables match${s.checksummed.length > 0 ? `; checksums of ${s.checksummed.join(', ')} match` : ' (checksums not compared: --merge)'}`,
        );
      } catch (e) {
        bar.finish();
        throw e;
      }
    });

  db.command('backup')
    .argument('<file>', 'where to write the backup (a new file)')
    .description('SQLite: a consistent copy of the database file, safe while the labeling screen, an import or the server write')
    .addHelpText(
      'after',
      `
The backup is one snapshot (SQLite's VACUUM INTO in a read transaction): changes committed while it
runs are not in it, and nothing waits for it. It is checked (integrity_check) before it is named FILE.
Restore by pointing --db at it, or copying it over the database while nothing has it open.
For PostgreSQL use pg_dump:
  pg_dump --format=custom --file=mizan.dump "postgresql://mizan:secret@localhost:5432/mizan"
  pg_restore --dbname="postgresql://mizan:secret@localhost:5432/mizan_restored" mizan.dump

Example:
  mizan db backup backups/mizan-$(date +%F).db`,
    )
    .action(async (file: string) => {
      const target = parseDatabaseUrl(ctx.config().dbUrl, ctx.io.cwd);
      if (target.provider !== 'sqlite') {
        throw new UsageError(`db backup is for SQLite files; for PostgreSQL run: pg_dump --format=custom --file=mizan.dump "${redactUrl(target.url)}"`);
      }
      const { backupSqlite } = await import('../../db/maintenance.js');
      const s = await backupSqlite(target.file, resolve(ctx.io.cwd, file));
      print(ctx.io, `backed up ${target.file} to ${file} (${(s.bytes / 1024 / 1024).toFixed(1)} MB, integrity ${s.integrity})`);
    });

  db.command('check')
    .description('SQLite: integrity and foreign-key check; PostgreSQL: every reference between tables resolves; both: rows per table')
    .addHelpText('after', '\nExit code 1 when a problem is found.\n\nExamples:\n  mizan db check\n  mizan --db postgresql://mizan@localhost/mizan db check')
    .action(async () => {
      const { checkDatabase, MaintenanceError } = await import('../../db/maintenance.js');
      const s = await checkDatabase(parseDatabaseUrl(ctx.config().dbUrl, ctx.io.cwd));
      if (!s.ok) throw new MaintenanceError(s.line);
      print(ctx.io, s.line);
    });
}

const shown = (url: string) => (/^postgres/i.test(url) ? redactUrl(url) : url);
