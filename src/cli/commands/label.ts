import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerNotBuilt } from './not-built.js';

export function registerLabel(program: Command, _ctx: CommandContext): void {
  registerNotBuilt(program, 'label', 'open the labeling workspace in the terminal');
}
