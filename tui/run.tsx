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
import { codebookView, initialState } from './state/init.js';
import type { Suggestion } from './state/types.js';

const ALT_SCREEN_ON = '\x1b[?1049h';
const ALT_SCREEN_OFF = '\x1b[?1049l';
/** How long a signal waits for writes in flight before exiting anyway. */
const SIGNAL_GRACE_MS = 2000;

export interface LabelingOptions {
  db: Database;
  session: LabelSession;
  rtl: { mode: RtlMode; reason: string };
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  suggest?: (article: ArticleView) => Promise<Suggestion | null>;
  ranker?: ConfidenceRanker;
}

export async function runLabeling(o: LabelingOptions): Promise<void> {
  const { stdout } = o;
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
  const initial = initialState({
    codebook: codebookView(o.session.codebook),
    annotator: o.session.annotator.name,
    queue: o.session.spec.queue,
    filter: o.session.spec.filter,
    rtl: o.rtl,
    startedAt: Date.now(),
  });
  const deps = {
    db: o.db.prisma,
    session: o.session,
    ...(o.suggest === undefined ? {} : { suggest: o.suggest }),
    ...(o.ranker === undefined ? {} : { ranker: o.ranker }),
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
