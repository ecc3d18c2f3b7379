import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Database } from '../../db/open.js';
import { detectRtlMode, parseRtlMode } from '../../display/mode.js';
import { isMizanError } from '../../errors.js';
import { QUEUE_NAMES } from '../../labels/queue.js';
import type { QueueName } from '../../labels/queue.js';
import { startSession } from '../../labels/session.js';
import { formatSessionSummary, sessionSummary } from '../../labels/history.js';
import type { ScreenQueueOptions } from '../../active/screen-queue.js';
import { HEAD_SELECTIONS, STRATEGIES } from '../../active/types.js';
import { ACTIVE_DEFAULTS } from '../../active/defaults.js';
import { enumFlag, integerFlag, numberFlag } from '../flags.js';
import { note, print } from '../context.js';
import type { CommandContext } from '../context.js';
import { NoTerminalError, UsageError } from '../errors.js';
import { labelTraining } from './label-training.js';
import { curveText, readCurveVerdict } from '../../active/curve-store.js';

interface LabelFlags {
  annotator?: string;
  queue: string;
  filter?: string;
  rtl?: string;
  overlap?: string;
  adjudicate?: boolean;
  retrainEvery: string;
  strategy?: string;
  explore?: string;
  heads?: string;
}

/** The OS user name, falling back to the environment (containers without a passwd entry). */
export function defaultAnnotator(env: Readonly<Record<string, string | undefined>>): string {
  try {
    const name = userInfo().username.trim();
    if (name !== '') return name;
  } catch {
    // no passwd entry for this uid
  }
  return env['USER'] ?? env['USERNAME'] ?? 'analyst';
}

/**
 * First run: an empty database gets the seed codebook and articles (`npm start` opens on something
 * to label). Asked with one raw query, so that the seeding code (the import engine with its CSV and
 * YAML parsers) loads only when there is something to seed, and no count runs over the corpus.
 */
export async function seedIfEmpty(db: Database, io: CommandContext['io']): Promise<void> {
  const rows = await db.prisma.$queryRawUnsafe<{ codebook: unknown; articles: unknown }[]>(
    'SELECT EXISTS (SELECT 1 FROM "CodebookVersion") AS codebook, EXISTS (SELECT 1 FROM "Article") AS articles',
  );
  // SQLite answers 0/1 (a number or a bigint), PostgreSQL a boolean.
  const yes = (v: unknown) => v === true || Number(v) === 1;
  if (rows[0] !== undefined && yes(rows[0].codebook) && yes(rows[0].articles)) return;
  const { ensureSeeded } = await import('../../ingest/seed.js');
  const seeded = await ensureSeeded(db);
  if (seeded.articles !== null) note(io, `imported ${seeded.articles.imported} seed articles`);
}

/** Suggestions from the latest trained model, when there is one (the screen works without). */
export async function loadSuggester(dir: string, session: Awaited<ReturnType<typeof startSession>>) {
  if (!existsSync(dir)) return null;
  const [{ loadModel }, { modelSuggester, codebookView }] = await Promise.all([import('../../model/io.js'), import('../../../tui/index.js')]);
  return modelSuggester(await loadModel(dir), codebookView(session.codebook));
}

async function startActiveQueue(db: Database, session: Awaited<ReturnType<typeof startSession>>, flags: Omit<ScreenQueueOptions, 'spec'>) {
  const { screenQueue } = await import('../../active/screen-queue.js');
  return screenQueue(db.prisma, { spec: session.spec, ...flags });
}

export function registerLabel(program: Command, ctx: CommandContext): void {
  program
    .command('label')
    .description('open the labeling workspace in the terminal')
    .option('--annotator <name>', 'who is labeling (default: your OS user name)')
    .option('--queue <queue>', `which articles: ${QUEUE_NAMES.join(' | ')}`, 'unlabeled')
    .option('--filter <text>', 'only articles whose title or body contains the text')
    .option('--rtl <mode>', 'right-to-left rendering: auto | app (Mizan reorders and shapes) | terminal (the terminal does)', 'auto')
    .option('--adjudicate', 'review: settle the disagreements between annotators (same as --queue disagreements)')
    .option('--overlap <n>', 'team mode: annotators per article (articles are claimed while you label them)')
    .option(
      '--retrain-every <n>',
      'train a new model in the background after every n newly confirmed labels (0: only on the key t); the first as soon as the labels allow',
      String(ACTIVE_DEFAULTS.retrainEvery),
    )
    .option('--strategy <name>', `uncertain queue: ${STRATEGIES.join(' | ')} (default margin)`)
    .option('--explore <share>', 'uncertain queue: share of random picks, 0 to 1 (default 0.1)')
    .option('--heads <which>', `uncertain queue: whose uncertainty counts: ${HEAD_SELECTIONS.join(' | ')} (default all)`)
    .addHelpText(
      'after',
      `
Every change is saved the moment it is made. Keys: topic hotkeys toggle topics; value hotkeys
(e.g. f a e x) set the stance of the focused target (Tab moves); Enter confirms and moves on;
s skips; u undoes; [ ] go back and forward; n note; / search; g guidelines; t trains a model
now; ? help; q quits.

A model trains in the background (\`mizan train\`'s trainer and defaults, saved as a model version
and models/latest) after every --retrain-every confirmed labels; suggestions and the queue switch to
it when it is ready. The header shows the model: version, labels it learned from, validation
macro-F1 per head, "training…" while one runs (with no model yet: how many labels are missing).
One training at a time per database: other screens pick up the new models/latest.

Examples:
  mizan label
  mizan label --annotator amina --queue skipped
  mizan label --filter ليبيا --rtl app
  mizan label --queue uncertain --strategy entropy --heads stance --explore 0.2
  mizan label --annotator salma --adjudicate`,
    )
    .action(async (flags: LabelFlags) => {
      const { io } = ctx;
      const asked = enumFlag('--queue', flags.queue, QUEUE_NAMES);
      if (flags.adjudicate === true && asked !== 'unlabeled' && asked !== 'disagreements') {
        throw new UsageError(`--adjudicate works on the disagreements queue, not --queue ${asked}`);
      }
      const queue: QueueName = flags.adjudicate === true ? 'disagreements' : asked;
      const overlap = flags.overlap === undefined ? null : integerFlag('--overlap', flags.overlap, 1, 1000);
      const forced = parseRtlMode(flags.rtl ?? 'auto', '--rtl');
      const retrainEvery = integerFlag('--retrain-every', flags.retrainEvery, 0, 1_000_000);
      const activeFlags = {
        ...(flags.strategy === undefined ? {} : { strategy: enumFlag('--strategy', flags.strategy, STRATEGIES) }),
        ...(flags.explore === undefined ? {} : { explore: numberFlag('--explore', flags.explore, 0, 1) }),
        ...(flags.heads === undefined ? {} : { heads: enumFlag('--heads', flags.heads, HEAD_SELECTIONS) }),
      };
      if (Object.keys(activeFlags).length > 0 && queue !== 'uncertain')
        throw new UsageError('--strategy, --explore and --heads order the uncertain queue: add --queue uncertain');
      if (!io.stdin.isTTY || !io.stdout.isTTY) {
        throw new NoTerminalError(
          'the labeling screen needs a terminal: run `npm start` (or `mizan label`) in an interactive terminal; `mizan stats` shows a summary without one',
        );
      }
      // Ink, React and the model code load only here, so other commands and --help stay fast; they
      // start loading now, while the database opens. React's development build checks every render
      // (several times slower): a terminal app runs the production build unless asked otherwise.
      process.env['NODE_ENV'] ??= 'production';
      const tui = import('../../../tui/index.js');
      tui.catch(() => undefined);
      const db = await ctx.openDb();
      await seedIfEmpty(db, io);
      const annotator = flags.annotator ?? defaultAnnotator(io.env);
      const session = await startSession(db.prisma, {
        annotator,
        queue,
        filter: flags.filter ?? null,
        overlap,
      });
      const detected = detectRtlMode(io.env);
      const rtl = forced === null ? detected : { mode: forced, reason: `--rtl ${forced}` };
      const { runLabeling } = await tui;
      const modelDir = join(ctx.config().modelsDir, 'latest');
      // A broken model must not keep anyone from labeling: say so and go on without suggestions.
      let modelNote: string | null = null;
      let model: Awaited<ReturnType<typeof loadSuggester>> = null;
      let loadModel: (() => ReturnType<typeof loadSuggester>) | undefined;
      if (queue === 'uncertain') {
        // The queue is ordered by the model's confidence: it loads before the first article is chosen.
        model = await loadSuggester(modelDir, session).catch((e: unknown) => {
          if (!isMizanError(e)) throw e;
          note(io, `no model suggestions: ${e.message}`);
          return null;
        });
        if (model === null) note(io, 'no trained model yet: the uncertain queue starts with a diverse sample of the corpus');
      } else if (existsSync(modelDir)) {
        // Elsewhere the first article is drawn first and the model loads behind it (its suggestion
        // follows a moment later); a failure shows on the status line, and again after the screen.
        loadModel = () =>
          loadSuggester(modelDir, session).catch((e: unknown) => {
            modelNote = `no model suggestions: ${e instanceof Error ? e.message : String(e)}`;
            throw e;
          });
      }
      const { modelsDir } = ctx.config();
      const curve = readCurveVerdict(modelsDir);
      const training = labelTraining({
        db,
        dbUrl: ctx.config().dbUrl,
        cwd: io.cwd,
        modelsDir,
        load: async (dir) => (await loadSuggester(dir, session))!,
      });
      // The whole corpus ranked in the background (src/active); the screen rescores it on each new model.
      const active = queue === 'uncertain' ? await startActiveQueue(db, session, activeFlags) : undefined;
      await runLabeling({
        db,
        session,
        rtl,
        ...(model ?? {}),
        ...(active === undefined ? {} : { activeQueue: active }),
        ...(loadModel === undefined ? {} : { loadModel }),
        training,
        retrainEvery,
        ...(curve === null ? {} : { curve: curveText(curve) }),
        stdin: io.stdin as NodeJS.ReadStream,
        stdout: io.stdout as NodeJS.WriteStream,
        stderr: io.stderr as NodeJS.WriteStream,
      });
      if (modelNote !== null) note(io, modelNote);
      print(io, formatSessionSummary(await sessionSummary(db.prisma, session.id)));
    });
}
