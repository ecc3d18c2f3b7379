import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { print } from '../context.js';
import type { CommandContext } from '../context.js';
import { addTableOptions, loadChosenModel, tableFormat } from './classify.js';
import type { TableFlags } from './classify.js';

export function registerEval(program: Command, ctx: CommandContext): void {
  addTableOptions(program.command('eval').description('score a trained model on a labelled CSV or JSONL file'))
    .option('--topic-col <name>', 'column with the gold topic (several joined by |)')
    .option('--stance-col <name>', "column with the gold stance toward the row's target (--target-col)")
    .option('--json', 'print the metrics as JSON')
    .addHelpText(
      'after',
      `
Prints accuracy, macro-F1, per-class precision/recall/F1 and a confusion matrix per head, and for
stance the mean of F1(favor) and F1(against), as \`mizan train\` does.

Examples:
  mizan eval --in held_out.csv --text-col text --topic-col topic
  mizan eval --in mawqif_test.csv --text-col text --target-col target --stance-col stance --json`,
    )
    .action(async (flags: TableFlags & { topicCol?: string; stanceCol?: string; json?: boolean }) => {
      if (flags.topicCol === undefined && flags.stanceCol === undefined) throw new UsageError('eval needs gold labels: give --topic-col and/or --stance-col');
      const format = tableFormat(flags.format);
      const model = await loadChosenModel(ctx, flags.model);
      const { evaluateTable } = await import('../../model/eval-table.js');
      const { formatHead } = await import('../../model/format.js');
      const report = await evaluateTable(model, {
        input: flags.in === '-' ? '-' : resolve(ctx.io.cwd, flags.in),
        textCol: flags.textCol,
        ...(flags.idCol !== undefined ? { idCol: flags.idCol } : {}),
        ...(flags.targetCol !== undefined ? { targetCol: flags.targetCol } : {}),
        ...(flags.topicCol !== undefined ? { topicCol: flags.topicCol } : {}),
        ...(flags.stanceCol !== undefined ? { stanceCol: flags.stanceCol } : {}),
        ...(format !== undefined ? { format } : {}),
        stdin: ctx.io.stdin,
        stdout: ctx.io.stdout,
      });
      if (flags.json === true) {
        print(ctx.io, JSON.stringify(report, null, 2));
        return;
      }
      const lines = [`model ${report.model}: ${report.rows} rows`];
      if (report.topicMacroF1 !== undefined) lines.push(`topics macro-F1 ${(report.topicMacroF1 * 100).toFixed(1)}`);
      if (report.stanceMeanF1 !== undefined) lines.push(`stance mean F1(favor, against), all targets ${(report.stanceMeanF1 * 100).toFixed(1)}`);
      for (const h of report.heads) lines.push('', formatHead(h));
      print(ctx.io, lines.join('\n'));
    });
}
