import type { Command } from 'commander';
import { formatSummary, summarize } from '../../stats/summary.js';
import { print } from '../context.js';
import type { CommandContext } from '../context.js';

export function registerStats(program: Command, ctx: CommandContext): void {
  program
    .command('stats')
    .description('corpus and label counts: sources, annotators, topics, stance values')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', '\nExample:\n  mizan stats\n  mizan stats --json > stats.json')
    .action(async (opts: { json?: boolean }) => {
      const db = await ctx.openDb();
      const summary = await summarize(db.prisma);
      print(ctx.io, opts.json === true ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    });
}
