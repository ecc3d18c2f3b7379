import type { Command } from 'commander';
import { formatSummary, summarize } from '../../stats/summary.js';
import { print } from '../context.js';
import type { CommandContext } from '../context.js';

export function registerStats(program: Command, ctx: CommandContext): void {
  program
    .command('stats')
    .description('corpus and label counts: sources, annotators, topics, stance values')
    .option('--json', 'print JSON instead of a table')
    .option('--agreement', "inter-annotator agreement per field: Cohen's kappa per pair, Krippendorff's alpha overall")
    .addHelpText('after', '\nExample:\n  mizan stats\n  mizan stats --json > stats.json\n  mizan stats --agreement --db postgresql://mizan@localhost/mizan')
    .action(async (opts: { json?: boolean; agreement?: boolean }) => {
      const db = await ctx.openDb({ baselineWasm: true, mustExist: true });
      if (opts.agreement === true) {
        const { agreementReport, formatAgreement } = await import('../../stats/agreement-report.js');
        const report = await agreementReport(db.prisma);
        print(ctx.io, opts.json === true ? JSON.stringify(report, null, 2) : formatAgreement(report));
        return;
      }
      const summary = await summarize(db.prisma);
      print(ctx.io, opts.json === true ? JSON.stringify(summary, null, 2) : formatSummary(summary));
    });
}
