import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerNotBuilt } from './not-built.js';

export function registerTrain(program: Command, _ctx: CommandContext): void {
  registerNotBuilt(program, 'train', 'train a model on the labels');
}
