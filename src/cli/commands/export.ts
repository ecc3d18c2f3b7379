import { createWriteStream, fstatSync } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { codebookFileFor, stringifyBundle } from '../../codebook/bundle.js';
import { findCodebook } from '../../codebook/store.js';
import type { CodebookVersionInfo } from '../../codebook/types.js';
import type { Database } from '../../db/open.js';
import { ExportOptionError, ExportOutputError } from '../../export/errors.js';
import { exportLabels } from '../../export/export-labels.js';
import type { ExportFormat } from '../../export/columns.js';
import { note } from '../context.js';
import type { CommandContext } from '../context.js';
import { dateFlag, enumFlag, integerFlag } from '../flags.js';
import { createProgress } from '../progress.js';

interface ExportFlags {
  out: string;
  format?: string;
  layout: string;
  annotator?: string;
  resolved?: boolean;
  since?: string;
  codebookVersion?: string;
  excel?: boolean;
  includeText?: boolean;
  raw?: boolean;
}

export function registerExport(program: Command, ctx: CommandContext): void {
  program
    .command('export')
    .description('export labels as CSV or JSONL (wide, long or resolved); `mizan import FILE --labels` reads them back')
    .requiredOption('--out <file>', 'where to write; - for stdout')
    .option('--format <format>', 'csv or jsonl (default: from the file name, else csv)')
    .option('--layout <layout>', 'wide: one row per article × annotator; long: one row per label field', 'wide')
    .option('--annotator <name>', "only this annotator's labels")
    .option('--resolved', 'one row per article: adjudicated > majority > latest, with how many annotators agreed')
    .option('--since <date>', 'only labels changed on or after DATE (ISO 8601, e.g. 2026-01-31)')
    .option('--codebook-version <n>', 'only labels made under codebook version N')
    .option('--excel', 'CSV for Excel: UTF-8 byte-order mark and CRLF line ends')
    .option('--include-text', 'add url, content_hash and body, so the export recreates the articles elsewhere')
    .option('--raw', 'do not guard cells against spreadsheet formulas (cells starting with = + - @ tab CR)')
    .addHelpText(
      'after',
      `
Columns are documented in the README ("Export columns") and stable across versions. By default a
cell starting with = + - @, tab or CR gets a leading ' so spreadsheets show it as text; Mizan's
import removes it again.

Beside a file (not --out -, not --resolved) the export writes the codebook versions its labels were
made under: labels.csv → labels.codebook.yaml. \`mizan import labels.csv --labels\` stores them first
when the database it imports into has no codebook (README, "Reading an export back").

Examples:
  mizan export --out labels.csv
  mizan export --out labels.csv --excel --annotator salma
  mizan export --out tidy.csv --layout long --since 2026-01-01
  mizan export --out training.jsonl --resolved --include-text
  mizan export --out - --format jsonl | jq .`,
    )
    .action(async (flags: ExportFlags) => {
      const format = exportFormat(flags);
      const layout = enumFlag('--layout', flags.layout, ['wide', 'long'] as const);
      if (flags.excel === true && format !== 'csv') throw new ExportOptionError('--excel', 'applies to CSV only (JSONL is UTF-8 without BOM)');
      const since = flags.since === undefined ? undefined : dateFlag('--since', flags.since);
      const codebookVersion =
        flags.codebookVersion === undefined ? undefined : integerFlag('--codebook-version', flags.codebookVersion, 1, Number.MAX_SAFE_INTEGER);

      const db = await ctx.openDb({ baselineWasm: true, mustExist: true });
      const bar = createProgress(ctx.io.stderr, 'exporting');
      const toStdout = flags.out === '-';
      const target = toStdout ? '' : resolve(ctx.io.cwd, flags.out);
      const existing = toStdout ? null : await stat(target).catch(() => null);
      if (existing?.isDirectory() === true) throw new ExportOutputError(flags.out, 'is a directory, expected a file name');
      // A file is written beside its destination and renamed at the end: a failed export never
      // leaves a half-written file where the last good one was. Devices and pipes (/dev/stdout, a
      // FIFO) are written in place.
      const inPlace = existing !== null && !existing.isFile();
      const partial = inPlace ? target : `${target}.partial`;
      const out = toStdout ? stdoutStream(ctx.io.stdout) : await openOutput(partial, flags.out);
      try {
        const summary = await exportLabels(db.prisma, out, {
          format,
          layout,
          resolved: flags.resolved === true,
          ...(flags.annotator === undefined ? {} : { annotator: flags.annotator }),
          ...(since === undefined ? {} : { since }),
          ...(codebookVersion === undefined ? {} : { codebookVersion }),
          excel: flags.excel === true,
          includeText: flags.includeText === true,
          raw: flags.raw === true,
          ...(db.target.provider === 'sqlite' ? { sqliteFile: db.target.file } : {}),
          onProgress: (done, total) => bar.update(done, total > 0 ? { total } : {}),
        });
        bar.finish();
        if (toStdout && out !== ctx.io.stdout) {
          out.end();
          await finished(out).catch((e: unknown) => {
            throw outputError('stdout', e);
          });
        }
        if (!toStdout) {
          out.end();
          await finished(out).catch((e: unknown) => {
            throw outputError(flags.out, e);
          });
          if (!inPlace) {
            await rename(partial, target).catch((e: unknown) => {
              throw outputError(flags.out, e);
            });
          }
        }
        const sidecar = toStdout || flags.resolved === true || inPlace ? null : await writeCodebookFile(db.prisma, summary.versions, target, flags.out);
        note(
          ctx.io,
          `exported ${summary.rows} rows (${summary.labels} labels${flags.resolved === true ? ' resolved' : ''}) to ${toStdout ? 'stdout' : flags.out}${sidecar === null ? '' : `, its codebook to ${sidecar}`}`,
        );
      } catch (e) {
        bar.finish();
        if (!toStdout) {
          out.destroy();
          if (!inPlace) await rm(partial, { force: true });
        }
        // A failed write (disk full, closed pipe) is the output's problem, not a bug.
        if ((e as NodeJS.ErrnoException).syscall !== undefined) throw outputError(toStdout ? 'stdout' : flags.out, e);
        throw e;
      }
    });
}

/**
 * Writes the codebook versions the labels were made under beside the export (labels.csv →
 * labels.codebook.yaml), so importing the file into an empty database can recreate them. Returns
 * the file as shown, or null when the database has no codebook.
 */
async function writeCodebookFile(prisma: Database['prisma'], versions: readonly number[], target: string, shown: string): Promise<string | null> {
  const found: CodebookVersionInfo[] = [];
  for (const v of versions.length > 0 ? versions : [undefined]) {
    const cb = await findCodebook(prisma, v);
    if (cb !== null) found.push(cb);
  }
  if (found.length === 0) return null;
  const file = codebookFileFor(target);
  const partial = `${file}.partial`;
  try {
    await writeFile(partial, stringifyBundle(found, basename(target)));
    await rename(partial, file);
  } catch (e) {
    await rm(partial, { force: true });
    throw outputError(codebookFileFor(shown), e);
  }
  return codebookFileFor(shown);
}

// Up to 1 MiB queued for the disk before the export waits: reading the database overlaps the writes.
const WRITE_BUFFER = 1 << 20;

/**
 * process.stdout writes synchronously to a file, so the export would stall between chunks; when
 * stdout is redirected to a regular file, an fs stream on fd 1 writes from libuv's thread pool
 * instead. Pipes (non-blocking, where fs writes fail with EAGAIN), terminals and injected streams
 * (tests) are used as they are.
 */
function stdoutStream(stdout: NodeJS.WritableStream & { isTTY?: boolean }): Writable {
  if (stdout !== process.stdout || stdout.isTTY === true) return stdout as Writable;
  let isFile = false;
  try {
    isFile = fstatSync(1).isFile();
  } catch {
    // No usable fd 1: leave stdout to Node.
  }
  if (!isFile) return stdout as Writable;
  const stream = createWriteStream('', { fd: 1, autoClose: false, highWaterMark: WRITE_BUFFER });
  stream.on('error', () => {});
  return stream;
}

/** Opens `partial` for writing, or fails with a one-line error naming the --out file. */
async function openOutput(partial: string, shown: string): Promise<WriteStream> {
  const stream = createWriteStream(partial, { highWaterMark: WRITE_BUFFER });
  try {
    await once(stream, 'open');
  } catch (e) {
    throw outputError(shown, e);
  }
  // A write error (disk full) surfaces through 'drain' or finished(); this listener keeps it from
  // crashing the process in between.
  stream.on('error', () => {});
  return stream;
}

function outputError(shown: string, e: unknown): ExportOutputError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ExportOutputError(shown, 'cannot be written: its directory does not exist');
  if (code === 'EACCES' || code === 'EPERM') return new ExportOutputError(shown, 'cannot be written: permission denied');
  if (code === 'EISDIR') return new ExportOutputError(shown, 'is a directory, expected a file name');
  if (code === 'ENOSPC') return new ExportOutputError(shown, 'cannot be written: the disk is full');
  if (code === 'EPIPE') return new ExportOutputError(shown, 'closed by the program reading it');
  return new ExportOutputError(shown, `cannot be written (${code ?? String(e)})`);
}

function exportFormat(flags: ExportFlags): ExportFormat {
  if (flags.format !== undefined) return enumFlag('--format', flags.format.toLowerCase(), ['csv', 'jsonl'] as const);
  return /\.(jsonl|ndjson)$/i.test(flags.out) ? 'jsonl' : 'csv';
}
