import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerClassify } from './classify.js';
import { registerCodebook } from './codebook.js';
import { registerDb } from './db.js';
import { registerEval } from './eval.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerLabel } from './label.js';
import { registerReport } from './report.js';
import { registerServe } from './serve.js';
import { registerStats } from './stats.js';
import { registerTrain } from './train.js';

export function registerCommands(program: Command, ctx: CommandContext): void {
  registerImport(program, ctx);
  registerLabel(program, ctx);
  registerTrain(program, ctx);
  registerClassify(program, ctx);
  registerEval(program, ctx);
  registerReport(program, ctx);
  registerServe(program, ctx);
  registerExport(program, ctx);
  registerStats(program, ctx);
  registerCodebook(program, ctx);
  registerDb(program, ctx);
}
