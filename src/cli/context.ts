import type { Command } from 'commander';
import { openDatabase } from '../db/open.js';
import type { Database } from '../db/open.js';
import { readConfig } from './config.js';
import type { Config } from './config.js';
import type { CliIO } from './io.js';

export interface CommandContext {
  io: CliIO;
  /** Reads the global flags; call inside an action, after commander has parsed them. */
  config(): Config;
  /** Opens (and migrates) the database; closed by the CLI when the command ends. */
  openDb(): Promise<Database>;
}

export function createContext(program: Command, io: CliIO, opened: Database[]): CommandContext {
  const config = () => readConfig(program.opts<{ db?: string; models?: string }>(), io.env, io.cwd);
  return {
    io,
    config,
    async openDb() {
      const db = await openDatabase(config().dbUrl, { cwd: io.cwd });
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
