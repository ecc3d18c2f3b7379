import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerNotBuilt } from './not-built.js';

export function registerServe(program: Command, _ctx: CommandContext): void {
  registerNotBuilt(program, 'serve', 'serve the model over HTTP');
}
