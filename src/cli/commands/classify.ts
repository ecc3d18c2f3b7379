import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerNotBuilt } from './not-built.js';

export function registerClassify(program: Command, _ctx: CommandContext): void {
  registerNotBuilt(program, 'classify', 'classify a CSV or JSONL file with a trained model');
}
