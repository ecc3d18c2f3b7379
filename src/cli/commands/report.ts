import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, basename } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../input-error.js';
import { UsageError } from '../errors.js';
import { dateFlag, enumFlag, integerFlag, listFlag } from '../flags.js';
import { note } from '../context.js';
import type { CommandContext } from '../context.js';
import { createProgress } from '../progress.js';
import { loadChosenModel } from './classify.js';

interface ReportFlags {
  field: string;
  by?: string;
  articles: string;
  since?: string;
  until?: string;
  model?: string;
  raw?: boolean;
  format: string;
  out?: string;
  threads?: string;
}

const DAY = 86_400_000;

/** --until DATE includes that whole day; an instant is taken as the exclusive end. */
export function untilFlag(value: string): Date {
  const d = dateFlag('--until', value);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(d.getTime() + DAY) : d;
}

export function fieldFlag(value: string): string {
  if (value === 'topics' || /^stance:[^\s:]+$/.test(value)) return value;
  throw new UsageError(`--field: "${value}" is not topics or stance:<target>`);
}

export function registerReport(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description("measure the corpus: the share of each topic or stance value per outlet and period, corrected for the model's errors")
    .requiredOption('--field <field>', 'topics, or stance:<target> (a target key)')
    .option('--by <keys>', 'group by source, month, week, year or dateline; several joined by commas (source,month)')
    .option('--articles <which>', 'all (human labels where confirmed, the model for the rest), labeled or unlabeled', 'all')
    .option('--since <date>', 'articles published on or after this date (YYYY-MM-DD, UTC, or an ISO 8601 time)')
    .option('--until <date>', 'articles published up to this date, the whole day included (or before an ISO 8601 time)')
    .option('--model <dir>', 'model directory (default: <models>/latest)')
    .option('--raw', "plain classify-and-count: the model's predictions without correction")
    .option('--format <format>', 'table, csv or json', 'table')
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--threads <n>', 'prediction threads for articles not yet predicted (default: one per core, at most 8)')
    .addHelpText(
      'after',
      `
Articles the model has not classified yet are classified first and their predictions stored
(once per model version). Each row gives, per value: count (articles with that value by human
label or raw prediction), share (the estimate), low and high (its 95 % interval) and method:
  acc           adjusted classify-and-count: the model's counts corrected with its validation
                confusion matrix (Forman 2008); intervals by bootstrap over the articles and
                the validation errors
  cc            classify-and-count (--raw, or a model trained without a validation split)
  labeled       confirmed human labels only (exact)
  labeled+acc   human labels where confirmed, the corrected model for the other articles
Topics of a multi-label codebook are each a share of the articles: shares may sum to more than 1.
Months, weeks (ISO) and years are UTC. CSV columns: group,field,value,count,share,low,high,method.

Examples:
  mizan report --field topics
  mizan report --field stance:morocco --by source,month --since 2016-01-01 --until 2016-12-31
  mizan report --field topics --by year --format csv --out topics.csv`,
    )
    .action(async (flags: ReportFlags) => {
      const field = fieldFlag(flags.field);
      const by = flags.by === undefined ? [] : listFlag('--by', flags.by, (await import('../../report/groups.js')).GROUP_BYS);
      const { ARTICLE_SELECTIONS, buildReport } = await import('../../report/report.js');
      const articles = enumFlag('--articles', flags.articles, ARTICLE_SELECTIONS);
      const { REPORT_FORMATS, formatReport } = await import('../../report/format.js');
      const format = enumFlag('--format', flags.format, REPORT_FORMATS);
      const since = flags.since === undefined ? undefined : dateFlag('--since', flags.since);
      const until = flags.until === undefined ? undefined : untilFlag(flags.until);
      if (since !== undefined && until !== undefined && since.getTime() >= until.getTime())
        throw new UsageError(`--since ${flags.since} is not before --until ${flags.until}`);
      const threads = flags.threads === undefined ? undefined : integerFlag('--threads', flags.threads, 1, 64);

      // A missing database is named before a missing model: nothing can be reported without it.
      const db = await ctx.openDb({ mustExist: true });
      const model = await loadChosenModel(ctx, flags.model);
      const { ReportFieldError } = await import('../../report/errors.js');
      if (!model.heads.some((h) => h.field === field))
        throw new ReportFieldError(
          field,
          model.id,
          model.heads.map((h) => h.field),
        );
      const { fillPredictions } = await import('../../report/predictions.js');
      const progress = createProgress(ctx.io.stderr, `classifying with ${model.id}`);
      const started = performance.now();
      const sqliteFile = db.target.provider === 'sqlite' ? db.target.file : undefined;
      // Human labels only: nothing for the model to classify.
      const added =
        articles === 'labeled'
          ? 0
          : await fillPredictions(db.prisma, model, {
              ...(threads === undefined ? {} : { threads }),
              sqliteFile,
              onProgress: (done, total) => progress.update(done, { total }),
            });
      progress.finish();
      if (added > 0) {
        const s = (performance.now() - started) / 1000;
        note(
          ctx.io,
          `classified ${added} articles with model ${model.id} in ${s.toFixed(1)} s (${Math.round(added / Math.max(s, 1e-3))}/s); stored for later reports`,
        );
      }
      const report = await buildReport(db.prisma, model, {
        field,
        by,
        articles,
        since,
        until,
        raw: flags.raw === true,
        sqliteFile,
      });
      const { detectRtlMode } = await import('../../display/mode.js');
      const text = formatReport(report, format, detectRtlMode(ctx.io.env).mode);
      if (flags.out === undefined || flags.out === '-') {
        ctx.io.stdout.write(text);
        return;
      }
      // Written whole under a temporary name, then renamed: never a half-written report.
      const out = resolve(ctx.io.cwd, flags.out);
      const tmp = join(dirname(out), `.${basename(out)}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, text);
        await rename(tmp, out);
      } catch (e) {
        await rm(tmp, { force: true });
        throw new InputError(flags.out, `cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}), for --out`);
      }
      note(ctx.io, `wrote ${report.records.length} rows to ${flags.out}`);
    });
}
