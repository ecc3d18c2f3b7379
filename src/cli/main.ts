import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { describeDatabaseError } from '../db/access-errors.js';
import { DatabaseBusyError, isMigrationError } from '../db/errors.js';
import type { DatabaseTarget } from '../db/url.js';
import { isTransientConflict } from '../db/write-transaction.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, isMizanError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Database } from '../db/open.js';
import { isDebug } from './config.js';
import { createContext } from './context.js';
import type { CommandContext } from './context.js';
import { processIO } from './io.js';
import type { CliIO } from './io.js';

/** The version `mizan --version` prints: package.json's, the one npm knows. */
const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Global options that take a value (`--db URL`), to find the command word after them. */
const VALUED_OPTIONS = new Set(['--db', '--models']);

/**
 * The command `argv` runs when it is `label` with at most the global options before it, else null.
 * `mizan label` (`npm start`) is the one start-up someone waits on: it loads only its own command
 * module, not every command's engine (import, export, training, the server...).
 */
export function fastCommand(argv: readonly string[]): 'label' | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (VALUED_OPTIONS.has(a)) i++;
    else if (![...VALUED_OPTIONS].some((o) => a.startsWith(`${o}=`))) return a === 'label' ? 'label' : null;
  }
  return null;
}

/** `-V` / `--version` among the global options, before any command word. */
export function rootVersionRequested(argv: readonly string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-V' || a === '--version') return true;
    if (VALUED_OPTIONS.has(a)) i++;
    else if (![...VALUED_OPTIONS].some((o) => a.startsWith(`${o}=`))) return false;
  }
  return false;
}

export async function buildProgram(io: CliIO, opened: Database[], argv: readonly string[] = [], onContext?: (ctx: CommandContext) => void): Promise<Command> {
  const program = new Command('mizan')
    .description('Label Arabic news by topic and target-specific stance; train and serve a classifier.')
    // No commander .version(): a root option is matched anywhere on the line, so it would take
    // `mizan codebook show --version 1` for itself. main() answers -V/--version before any command.
    .addHelpText('after', '\nmizan -V, --version prints the version (before any command).')
    .option('--db <url>', 'database: file:PATH (SQLite) or postgresql://… [env DATABASE_URL] (default: file:./data/mizan.db)')
    .option('--models <dir>', 'directory of trained models [env MIZAN_MODELS] (default: ./models)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  const ctx = createContext(program, io, opened);
  onContext?.(ctx);
  if (fastCommand(argv) === 'label') {
    const { registerLabel } = await import('./commands/label.js');
    registerLabel(program, ctx);
  } else {
    const { registerCommands } = await import('./commands/index.js');
    registerCommands(program, ctx);
  }
  return program;
}

/** Runs the CLI and returns the exit code; every error is mapped here, once, to a one-line message. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const opened: Database[] = [];
  let ctx: CommandContext | undefined;
  if (rootVersionRequested(argv)) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    const program = await buildProgram(io, opened, argv, (c) => (ctx = c));
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (e) {
    return reportError(e, io, ctx?.lastTarget());
  } finally {
    await Promise.allSettled(opened.map((db) => db.close()));
  }
}

/** The driver's own words, without Prisma's multi-line framing. */
const firstLine = (e: unknown) =>
  (
    (e as { meta?: { driverAdapterError?: { cause?: { originalMessage?: string } } } }).meta?.driverAdapterError?.cause?.originalMessage ??
    (e instanceof Error ? e.message : String(e))
  )
    .trim()
    .split('\n')[0]!;

function reportError(e: unknown, io: CliIO, target: DatabaseTarget | undefined): number {
  if (e instanceof CommanderError) {
    // Commander already printed its message (or the help / version text).
    return e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  // The reader of our output went away (`mizan classify --out - | head`): stop quietly, as Unix tools do.
  if ((e as NodeJS.ErrnoException | null)?.code === 'EPIPE') return EXIT_OK;
  // A lock held elsewhere past the busy timeout and every retry is the user's situation, not a bug.
  if (isTransientConflict(e)) e = new DatabaseBusyError(firstLine(e));
  // A server that is down, a wrong password, a full disk...: the user's situation, named with the database.
  // A file error elsewhere (the models directory, an output file) is not the database's, though it may read alike.
  const path = (e as NodeJS.ErrnoException | null)?.path;
  const otherFile = path !== undefined && (target?.provider !== 'sqlite' || !path.startsWith(target.file));
  if (target !== undefined && !otherFile && (!isMizanError(e) || isMigrationError(e))) e = describeDatabaseError(e, target) ?? e;
  const debug = isDebug(io.env);
  if (isMizanError(e)) {
    io.stderr.write(`mizan: ${e.message}\n`);
    if (debug) writeCauses(e, io);
    return e.exitCode;
  }
  const detail = e instanceof Error ? (debug ? (e.stack ?? e.message) : e.message) : String(e);
  io.stderr.write(`mizan: internal error: ${detail}\n`);
  if (debug) writeCauses(e, io);
  else io.stderr.write('mizan: set MIZAN_DEBUG=1 for the stack trace\n');
  return EXIT_INTERNAL;
}

/** MIZAN_DEBUG: the chain of causes behind an error (e.g. the schema engine's full message). */
function writeCauses(e: unknown, io: CliIO): void {
  for (let c = (e as { cause?: unknown }).cause; c !== undefined; c = (c as { cause?: unknown }).cause) {
    io.stderr.write(`mizan: caused by: ${c instanceof Error ? (c.stack ?? c.message) : JSON.stringify(c)}\n`);
  }
}
