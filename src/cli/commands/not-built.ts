import type { Command } from 'commander';
import { NotBuiltError } from '../errors.js';

/** A command of the design whose issue has not landed yet: it has --help and exits with code 2. */
export function registerNotBuilt(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(`${description} (not built yet)`)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(() => {
      throw new NotBuiltError(name);
    });
}
