// A real terminal: the labeling screen runs under tmux as a user would start it, keys go in with
// send-keys, the screen is read with capture-pane, and the process is killed with SIGKILL. Every
// label the screen showed as saved must be in the database afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = join(import.meta.dirname, '../..');
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const IN_CI = process.env['CI'] === 'true';
// On a laptop without tmux this test cannot run; under CI a missing tmux is a failure (.ci/run installs it).
const SKIP = !HAS_TMUX && !IN_CI;
const SOCKET = `mizan-test-${process.pid}`;

// A CI runner may have no TERM; tmux needs one to describe its panes.
const TMUX_ENV = { ...process.env, TERM: process.env['TERM'] || 'xterm-256color' };
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', env: TMUX_ENV });

afterEach(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

async function waitFor(what: string, ok: (screen: string) => boolean, timeoutMs = 90_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < until) {
    screen = tmux('capture-pane', '-p', '-t', 'label');
    if (ok(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tmux: gave up waiting for ${what}; screen:\n${screen}`);
}

describe.skipIf(SKIP)(`labeling in a real terminal (tmux)${SKIP ? ' — skipped: tmux is not installed' : ''}`, () => {
  it('labels three seed articles, survives kill -9 with all three saved', async () => {
    const dir = tempDir();
    const url = `file:${join(dir, 'mizan.db')}`;
    // Ink switches to CI rendering (the last frame only, on exit) when CI is set; a user's terminal
    // has no CI variable, so neither does this one.
    const cmd = `exec env -u CI -u CONTINUOUS_INTEGRATION node bin/mizan.js --db ${url} label --annotator tmuxer --rtl app`;
    tmux('new-session', '-d', '-s', 'label', '-x', '110', '-y', '32', '-c', ROOT, cmd);
    await waitFor('the first article', (s) => s.includes('Counter-terrorism') && s.includes('saved ✓') && s.includes('5 in queue'));

    const steps: [string[], number][] = [
      [['1', 'f', 'Enter'], 1],
      [['2', 'Tab', 'a', 'Enter'], 2],
      [['s'], 2],
      [['5', 'Enter'], 3],
    ];
    for (const [keys, session] of steps) {
      for (const k of keys) tmux('send-keys', '-t', 'label', k);
      await waitFor(`session ${session}`, (s) => s.includes(`session ${session}`) && s.includes('saved ✓') && !s.includes('loading'));
    }
    const pid = Number(tmux('list-panes', '-t', 'label', '-F', '#{pane_pid}').trim());
    process.kill(pid, 'SIGKILL');

    const db = await openDatabase(url);
    try {
      const labels = await db.prisma.label.findMany({
        where: { annotator: { name: 'tmuxer' } },
        include: { topics: true, stances: true },
        orderBy: { articleId: 'asc' },
      });
      const confirmed = labels.filter((l) => l.confirmedAt !== null);
      expect(confirmed).toHaveLength(3);
      expect(confirmed.map((l) => l.topics.map((t) => t.topicKey).sort())).toEqual(
        expect.arrayContaining([['counter_terrorism'], ['intelligence_cooperation'], ['libya_conflict']]),
      );
      expect(confirmed.flatMap((l) => l.stances.map((s) => `${s.targetKey}=${s.valueKey}`)).sort()).toEqual(['algeria=favor', 'morocco=against']);
      expect(labels.filter((l) => l.skipped)).toHaveLength(1);
      expect(await db.prisma.labelEvent.count({ where: { annotator: { name: 'tmuxer' } } })).toBe(9);
    } finally {
      await db.close();
    }
  }, 240_000);
});
