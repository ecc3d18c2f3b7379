import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { codebookFileFor, parseBundle } from '../../codebook/bundle.js';
import type { BundledCodebook } from '../../codebook/bundle.js';
import { restoreCodebooks } from '../../codebook/store.js';
import { importPaths } from '../../ingest/import.js';
import { readTextFile } from '../../text-file/read-file.js';
import { DEFAULT_IMPORT_ANNOTATOR } from '../../ingest/options.js';
import { note, print } from '../context.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors.js';
import { createProgress } from '../progress.js';
import { enumFlag, numberFlag } from '../flags.js';
import { ENCODINGS, describeEncoding } from '../../text-file/encoding.js';
import { DEFAULT_NEAR_DUP } from '../../ingest/options.js';

interface ImportFlags {
  textCol?: string;
  titleCol?: string;
  idCol?: string;
  sourceCol?: string;
  dateCol?: string;
  urlCol?: string;
  topicCol?: string;
  stanceCol?: string;
  targetCol?: string;
  target?: string;
  annotator: string;
  extendCodebook?: boolean;
  labels?: boolean;
  raw?: boolean;
  codebook?: string;
  encoding: string;
  nearDup: string;
}

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command('import')
    .description('import articles: saved pages (.txt, .html, .htm), CSV and JSONL files or directories, with labels if the file has them')
    .argument('<paths...>', 'files and directories')
    .option('--text-col <column>', 'column with the article text (default: text, body or content)')
    .option('--title-col <column>', 'column with the title (default: the first line of the text)')
    .option('--id-col <column>', 'column with your own id for the article')
    .option('--source-col <column>', 'column with the outlet')
    .option('--date-col <column>', 'column with the publication date (ISO, numeric or Arabic month names)')
    .option('--url-col <column>', 'column with the URL')
    .option('--topic-col <column>', 'column with topic labels (several joined by |)')
    .option('--stance-col <column>', 'column with stance values (needs --target-col or --target)')
    .option('--target-col <column>', 'column naming the stance target of each row')
    .option('--target <name>', 'stance target for every row')
    .option('--annotator <name>', 'whose labels these are', DEFAULT_IMPORT_ANNOTATOR)
    .option('--extend-codebook', 'add unseen topics, targets and stance values to a new codebook version')
    .option('--labels', 'FILE is a `mizan export` (wide or long, CSV or JSONL, not --resolved): read its labels back')
    .option('--raw', 'with --labels: the file was exported with --raw (cells are taken as they are)')
    .option(
      '--codebook <file>',
      'with --labels: the codebook to store first when the database has none (default: FILE.codebook.yaml beside the export, if there)',
    )
    .option('--encoding <name>', `text encoding of the inputs: auto, ${ENCODINGS.join(', ')}`, 'auto')
    .option(
      '--near-dup <jaccard>',
      'group near-copies (syndicated stories) whose estimated word-shingle Jaccard similarity is at least this (0.3 to 1), or "off"',
      String(DEFAULT_NEAR_DUP),
    )
    .addHelpText(
      'after',
      `
Exact duplicates (same normalized text) are skipped and counted; re-importing a file changes nothing.
Near-copies (the same story with another headline, an agency tag, a changed first or last sentence)
are imported and put in one group (Article.nearDupGroup, the export's near_dup_group column); the
labeling queue shows one article per group first.
HTML pages: the headline, date, author and outlet come from the page's JSON-LD / Open Graph data when
it has them, the text from its main content block (menus, related lists, share bars, comments left out);
the canonical link is the URL and the whole HTML is kept as the raw text.
--encoding auto: a byte-order mark decides, else valid UTF-8 is UTF-8, else an HTML page's <meta charset>,
else Arabic windows-1256 or ISO-8859-6 is detected; files not read as UTF-8 are named in the summary.
One import is one transaction: if any row is bad, nothing is imported and the error names file, row and field.
A large import (4 MB or more) into an SQLite file nobody else has open holds the file until it ends.

Examples:
  mizan import seeds/
  mizan import articles.csv --text-col body --title-col headline --id-col id --date-col date
  mizan import ../shared/data/topics_train.csv --text-col text --id-col id --topic-col topic --extend-codebook
  mizan import ../shared/data/mawqif_train.csv --text-col text --id-col id --target-col target --stance-col stance --extend-codebook
  mizan import saved-pages/ --encoding windows-1256
  mizan import labels.csv --labels          # a file written by \`mizan export\` (reads labels.codebook.yaml beside it
                                            # when the database has no codebook yet)
  mizan import labels.csv --labels --codebook old.codebook.yaml`,
    )
    .action(async (paths: string[], flags: ImportFlags) => {
      if (flags.labels === true) return importLabels(ctx, paths, flags);
      if (flags.raw === true) throw new UsageError('--raw applies to --labels only');
      if (flags.codebook !== undefined) throw new UsageError('--codebook applies to --labels only (for a codebook alone: mizan codebook import FILE)');
      const encoding = enumFlag('--encoding', flags.encoding, ['auto', ...ENCODINGS] as const);
      const nearDup = flags.nearDup === 'off' ? null : numberFlag('--near-dup', flags.nearDup, 0.3, 1);
      const db = await ctx.openDb({ baselineWasm: true });
      const bar = createProgress(ctx.io.stderr, 'importing');
      const options = {
        columns: {
          ...(flags.textCol === undefined ? {} : { text: flags.textCol }),
          ...(flags.titleCol === undefined ? {} : { title: flags.titleCol }),
          ...(flags.idCol === undefined ? {} : { id: flags.idCol }),
          ...(flags.sourceCol === undefined ? {} : { source: flags.sourceCol }),
          ...(flags.dateCol === undefined ? {} : { date: flags.dateCol }),
          ...(flags.urlCol === undefined ? {} : { url: flags.urlCol }),
          ...(flags.topicCol === undefined ? {} : { topic: flags.topicCol }),
          ...(flags.stanceCol === undefined ? {} : { stance: flags.stanceCol }),
          ...(flags.targetCol === undefined ? {} : { target: flags.targetCol }),
        },
        ...(flags.target === undefined ? {} : { target: flags.target }),
        annotator: flags.annotator,
        extendCodebook: flags.extendCodebook === true,
        encoding,
        nearDup,
      };
      const summary = await importPaths(db, paths, options, {
        onFile: (file, i, total) => bar.update(i, { total, suffix: file.path }),
        onRows: (file, rows, done) => bar.update(rows, { fraction: done, suffix: file.path }),
        onWarning: (message) => note(ctx.io, `warning: ${message}`),
      });
      bar.finish();
      const labels = summary.labels.created + summary.labels.updated;
      print(
        ctx.io,
        `imported ${summary.imported} articles from ${summary.files} file(s): ${summary.duplicates} duplicates skipped, ${summary.rejected} rejected` +
          (labels > 0 || summary.labels.unchanged > 0
            ? `; labels: ${summary.labels.created} new, ${summary.labels.updated} updated, ${summary.labels.unchanged} unchanged`
            : '') +
          (summary.codebookVersion === null ? '' : `; codebook extended to version ${summary.codebookVersion}`) +
          (summary.nearDuplicates > 0 ? `; ${summary.nearDuplicates} near-copies grouped` : ''),
      );
      for (const e of summary.encodings) print(ctx.io, `encoding: ${e.file}: ${describeEncoding(e)}`);
    });
}

/** The codebook bundle named by --codebook, else the one `mizan export` wrote beside the file (if any). */
async function readExportCodebook(
  ctx: CommandContext,
  path: string,
  explicit: string | undefined,
): Promise<{ versions: BundledCodebook[]; shown: string } | null> {
  const file = explicit === undefined ? codebookFileFor(path) : resolve(ctx.io.cwd, explicit);
  if (explicit === undefined && !existsSync(file)) return null;
  return { versions: parseBundle(await readTextFile(file), explicit ?? basename(file)), shown: explicit ?? basename(file) };
}

/** `--labels`: one Mizan export read back in one transaction (src/ingest/labels). */
async function importLabels(ctx: CommandContext, paths: string[], flags: ImportFlags): Promise<void> {
  const [file, ...rest] = paths;
  if (file === undefined || rest.length > 0) throw new UsageError('--labels: give exactly one file, a `mizan export` output');
  const { importLabelFile } = await import('../../ingest/label-file/import-label-file.js');
  const path = resolve(ctx.io.cwd, file);
  const bundle = await readExportCodebook(ctx, path, flags.codebook);
  const db = await ctx.openDb({ baselineWasm: true });
  const bar = createProgress(ctx.io.stderr, 'importing labels');
  let restored: number[] = [];
  try {
    const s = await importLabelFile(db, path, {
      extendCodebook: flags.extendCodebook === true,
      raw: flags.raw === true,
      onProgress: (rows) => bar.update(rows, { suffix: file }),
      // In the import's transaction: a bad row leaves no codebook behind either.
      beforeRows: async (tx) => {
        if (bundle === null) return;
        if ((await tx.codebookVersion.count()) === 0) restored = await restoreCodebooks(tx, bundle.versions);
        // Named explicitly into a database that has a codebook: new versions (unless identical to the latest).
        else if (flags.codebook !== undefined)
          restored = await restoreCodebooks(
            tx,
            bundle.versions.map(({ codebook, source }) => ({ codebook, source })),
          );
      },
    });
    bar.finish();
    const codebook = restored.length === 0 ? '' : `; codebook version${restored.length > 1 ? 's' : ''} ${restored.join(', ')} from ${bundle!.shown}`;
    print(
      ctx.io,
      `imported ${s.labels} labels from ${file}: ${s.created} new, ${s.updated} updated, ${s.labels - s.created - s.updated} unchanged; ${s.articles} articles created${codebook}`,
    );
  } catch (e) {
    bar.finish();
    throw e;
  }
}
