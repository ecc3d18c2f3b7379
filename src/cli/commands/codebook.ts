import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UnknownCodebookVersionError } from '../../codebook/errors.js';
import { parseCodebook } from '../../codebook/parse.js';
import { findCodebook, saveCodebook } from '../../codebook/store.js';
import { stringifyCodebook } from '../../codebook/stringify.js';
import { readTextFile } from '../../text-file/read-file.js';
import { print } from '../context.js';
import { integerFlag } from '../flags.js';
import type { CommandContext } from '../context.js';

export function registerCodebook(program: Command, ctx: CommandContext): void {
  const codebook = program.command('codebook').description('show or import the codebook (topics, stance targets and values)');
  codebook
    .command('show')
    .description('print the current codebook as YAML')
    .option('--version <n>', 'a given codebook version instead of the latest', (v: string) => integerFlag('--version', v, 1, 2 ** 31 - 1))
    .addHelpText('after', '\nExample:\n  mizan codebook show\n  mizan codebook show --version 1')
    .action(async (opts: { version?: number }) => {
      const db = await ctx.openDb({ baselineWasm: true, mustExist: true });
      const found = await findCodebook(db.prisma, opts.version);
      if (found === null && opts.version !== undefined) {
        const known = (await db.prisma.codebookVersion.findMany({ select: { version: true }, orderBy: { version: 'asc' } })).map((v) => v.version);
        throw new UnknownCodebookVersionError(opts.version, known);
      }
      if (found === null) {
        print(ctx.io, 'No codebook yet. Import one: mizan codebook import seeds/codebook.yaml');
        return;
      }
      print(ctx.io, `# codebook version ${found.version}, created ${found.createdAt.toISOString()}`);
      print(ctx.io, stringifyCodebook(found));
    });
  codebook
    .command('import')
    .argument('<file>', 'a YAML codebook')
    .description('store FILE as a new codebook version (labels made under older versions stay readable)')
    .addHelpText('after', '\nExample:\n  mizan codebook import seeds/codebook.yaml')
    .action(async (file: string) => {
      const parsed = parseCodebook(await readTextFile(file), file);
      const db = await ctx.openDb({ baselineWasm: true });
      const version = await saveCodebook(db.prisma, parsed, await readFile(file, 'utf8'));
      print(
        ctx.io,
        `codebook "${parsed.name}" is version ${version}: ${parsed.topics.length} topics, ${parsed.targets.length} stance targets, ${parsed.values.length} stance values`,
      );
    });
}
