// Starts the labeling screen on a terminal and gives the terminal back as it was: alternate screen
// off, bidi mode restored (explicit mode in `app` mode is switched back to the implicit default),
// also on Ctrl-C, SIGTERM and a closed terminal (SIGHUP).
import { render } from 'ink';
import type { Database } from '../src/db/open.js';
import { enterExplicitMode, restoreTerminalMode } from '../src/display/mode.js';
import type { RtlMode } from '../src/display/mode.js';
import type { ConfidenceRanker } from '../src/labels/queue.js';
import type { ArticleView, LabelSession } from '../src/labels/session.js';
import { App } from './components/App.js';
import { firstArticle } from './runner.js';
import type { ModelParts, TrainingDeps } from './runner.js';
import type { ActiveQueue } from '../src/active/types.js';
import type { LoadedModel } from '../src/model/io.js';
import { modelInfo } from './engine/model-slot.js';
import { step } from './state/reducer.js';
import { codebookView, initialState } from './state/init.js';
import type { Suggestion } from './state/types.js';
import type { Highlighter } from './view/layout.js';

const ALT_SCREEN_ON = '\x1b[?1049h';
const ALT_SCREEN_OFF = '\x1b[?1049l';
/** How long a signal waits for writes in flight before exiting anyway. */
const SIGNAL_GRACE_MS = 2000;
/** How long background work waits for a frame that may not come (nothing on screen changed). */
const FRAME_WAIT_MS = 250;
/**
 * Ink coalesces renders to at most 30 a second by default, holding a frame back up to 34 ms after
 * the previous one (and longer when the main thread is busy when that timer is due: the first
 * article's frame waited behind the header's counts). At 120 a frame waits at most ~9 ms; a frame
 * of this screen renders in a few milliseconds, so bursts of keys still coalesce.
 */
const MAX_FPS = 120;

/**
 * Ink's renders, as a promise of the next one. Ink writes the frame in the same call that reports
 * it, so whatever awaits this runs with the frame on the terminal.
 */
function frameSignal(): { afterFrame: () => Promise<void>; rendered: () => void } {
  let waiting: (() => void)[] = [];
  return {
    afterFrame: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FRAME_WAIT_MS);
        waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
    rendered: () => {
      const wake = waiting;
      waiting = [];
      for (const w of wake) w();
    },
  };
}

export interface LabelingOptions {
  db: Database;
  session: LabelSession;
  rtl: { mode: RtlMode; reason: string };
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** A model loaded before the screen (the uncertain queue orders by it). */
  suggest?: (article: ArticleView) => Promise<Suggestion | null>;
  ranker?: ConfidenceRanker;
  highlight?: Highlighter;
  model?: LoadedModel;
  /** Or: the model, loaded after the first frame (the screen says "model loading…" meanwhile). */
  loadModel?: () => Promise<ModelParts | null>;
  /** Background training: after every `retrainEvery` newly confirmed labels (0: only on t). */
  training?: TrainingDeps;
  retrainEvery?: number;
  /** The last learning-curve verdict in a few words, for the header. */
  curve?: string;
  /** The active-learning queue, rescored with each new model (src/active/types.ts). */
  activeQueue?: ActiveQueue;
}

export async function runLabeling(o: LabelingOptions): Promise<void> {
  const { stdout } = o;
  // The first article before the first frame: the screen is drawn once, with it, rather than a
  // "loading…" frame and then the article (each first render of a full screen costs tens of ms).
  const first = await firstArticle({
    db: o.db.prisma,
    session: o.session,
    ...(o.suggest === undefined ? {} : { suggest: o.suggest }),
    ...(o.ranker === undefined ? {} : { ranker: o.ranker }),
    ...(o.activeQueue === undefined ? {} : { active: o.activeQueue }),
  });
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdout.write(restoreTerminalMode() + ALT_SCREEN_OFF);
  };
  let idle: () => Promise<void> = async () => undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15);
    void Promise.race([idle(), new Promise((r) => setTimeout(r, SIGNAL_GRACE_MS))]).finally(() => {
      instance.unmount();
      restore();
      process.exit(code);
    });
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, onSignal);
  process.on('exit', restore);

  stdout.write(ALT_SCREEN_ON + (o.rtl.mode === 'app' ? enterExplicitMode() : restoreTerminalMode()));
  const initial = step(
    initialState({
      codebook: codebookView(o.session.codebook),
      annotator: o.session.annotator.name,
      queue: o.session.spec.queue,
      filter: o.session.spec.filter,
      rtl: o.rtl,
      startedAt: Date.now(),
      model: o.loadModel !== undefined ? 'loading' : o.suggest !== undefined ? 'ready' : 'none',
      ...(o.training === undefined ? {} : { retrainEvery: o.retrainEvery ?? 0 }),
      ...(o.curve === undefined ? {} : { curve: o.curve }),
    }),
    first,
  ).state;
  if (o.model !== undefined) initial.training = { ...initial.training, info: modelInfo(o.model) };
  const frames = frameSignal();
  const deps = {
    db: o.db.prisma,
    afterFrame: frames.afterFrame,
    session: o.session,
    ...(o.suggest === undefined ? {} : { suggest: o.suggest }),
    ...(o.ranker === undefined ? {} : { ranker: o.ranker }),
    ...(o.highlight === undefined ? {} : { highlight: o.highlight }),
    ...(o.model === undefined ? {} : { model: o.model }),
    ...(o.loadModel === undefined ? {} : { loadModel: o.loadModel }),
    ...(o.training === undefined ? {} : { training: o.training }),
    ...(o.activeQueue === undefined ? {} : { activeQueue: o.activeQueue }),
    writeTerminal: (s: string) => void stdout.write(s),
    onQuit: () => instance.unmount(),
    registerIdle: (f: () => Promise<void>) => {
      idle = f;
    },
  };
  const instance = render(<App initial={initial} deps={deps} />, {
    stdin: o.stdin,
    stdout,
    stderr: o.stderr,
    exitOnCtrlC: false,
    onRender: frames.rendered,
    maxFps: MAX_FPS,
    patchConsole: false,
  });
  try {
    await instance.waitUntilExit();
    await idle();
  } finally {
    for (const s of signals) process.off(s, onSignal);
    process.off('exit', restore);
    restore();
  }
}
