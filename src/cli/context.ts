import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { openDatabase } from '../db/open.js';
import type { Database } from '../db/open.js';
import { parseDatabaseUrl } from '../db/url.js';
import type { DatabaseTarget } from '../db/url.js';
import { readConfig } from './config.js';
import type { Config } from './config.js';
import type { CliIO } from './io.js';

export interface CommandContext {
  io: CliIO;
  /** Reads the global flags; call inside an action, after commander has parsed them. */
  config(): Config;
  /**
   * Opens (and migrates) the database; closed by the CLI when the command ends. `baselineWasm`: for
   * commands that run no TF.js (see below).
   */
  openDb(options?: { baselineWasm?: boolean; mustExist?: boolean }): Promise<Database>;
  /** The database the command opened last (or is opening), for naming it in an error. */
  lastTarget(): DatabaseTarget | undefined;
}

export function createContext(program: Command, io: CliIO, opened: Database[]): CommandContext {
  const config = () => readConfig(program.opts<{ db?: string; models?: string }>(), io.env, io.cwd);
  let target: DatabaseTarget | undefined;
  return {
    io,
    config,
    lastTarget: () => target,
    async openDb(options = {}) {
      // Prisma's query compiler is a WebAssembly module of several MB, and V8's optimizing tier
      // compiles it in the background of every command's start-up, a cost a command that runs a few
      // queries never earns back. Those commands take the baseline compiler's code; TF.js's WASM
      // kernels (train, classify, eval, serve, suggestions in label) need the optimizing one.
      if (options.baselineWasm === true) setFlagsFromString('--liftoff-only');
      const { dbUrl, busyTimeoutMs } = config();
      target = parseDatabaseUrl(dbUrl, io.cwd);
      const db = await openDatabase(dbUrl, { cwd: io.cwd, mustExist: options.mustExist === true, busyTimeoutMs });
      opened.push(db);
      return db;
    },
  };
}

export function print(io: CliIO, text: string): void {
  io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function note(io: CliIO, text: string): void {
  io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
