import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerNotBuilt } from './not-built.js';

export function registerEval(program: Command, _ctx: CommandContext): void {
  registerNotBuilt(program, 'eval', 'evaluate a trained model on a labeled file');
}
