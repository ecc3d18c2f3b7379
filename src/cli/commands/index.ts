import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerCodebook } from './codebook.js';
import { registerDb } from './db.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerNotBuilt } from './not-built.js';
import { registerStats } from './stats.js';

export function registerCommands(program: Command, ctx: CommandContext): void {
  registerImport(program, ctx);
  registerNotBuilt(program, 'label', 'open the labeling workspace in the terminal');
  registerNotBuilt(program, 'train', 'train a model on the labels');
  registerNotBuilt(program, 'classify', 'classify a CSV or JSONL file with a trained model');
  registerNotBuilt(program, 'eval', 'evaluate a trained model on a labeled file');
  registerNotBuilt(program, 'serve', 'serve the model over HTTP');
  registerExport(program, ctx);
  registerStats(program, ctx);
  registerCodebook(program, ctx);
  registerDb(program, ctx);
}
