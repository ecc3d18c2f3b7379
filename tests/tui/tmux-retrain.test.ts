// Background training in a real terminal: `mizan label --retrain-every 2` under tmux, from an
// empty database (no model). The first model trains as soon as the labels allow, while the analyst
// goes on labeling; t trains another. Both are normal model versions, and every key was saved.
import { execFileSync, spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { tempDir } from '../helpers/temp.js';

const ROOT = join(import.meta.dirname, '../..');
const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SKIP = !HAS_TMUX && process.env['CI'] !== 'true';
const SOCKET = `mizan-retrain-${process.pid}`;
const TMUX_ENV = { ...process.env, TERM: process.env['TERM'] || 'xterm-256color' };
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', env: TMUX_ENV });

afterEach(() => {
  if (HAS_TMUX) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

async function waitFor(what: string, ok: (screen: string) => boolean, timeoutMs = 180_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < until) {
    screen = tmux('capture-pane', '-p', '-t', 'label');
    if (ok(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tmux: gave up waiting for ${what}; screen:\n${screen}`);
}

describe.skipIf(SKIP)(`background training in a real terminal (tmux)${SKIP ? ' — skipped: tmux is not installed' : ''}`, () => {
  it('--retrain-every 2: the first model trains once the labels allow, labeling goes on meanwhile, t trains the next; all keys saved', async () => {
    const dir = tempDir();
    const url = `file:${join(dir, 'mizan.db')}`;
    const models = join(dir, 'models');
    const cmd = `exec env -u CI -u CONTINUOUS_INTEGRATION node bin/mizan.js --db ${url} --models ${models} label --annotator trainer --rtl app --retrain-every 2`;
    tmux('new-session', '-d', '-s', 'label', '-x', '140', '-y', '32', '-c', ROOT, cmd);
    await waitFor('the first article and the labels missing', (s) => s.includes('no model yet: 4 more labels needed') && s.includes('saved ✓'));

    // Two of one topic: the trainer still needs two of a second topic.
    for (const [topic, session] of [
      ['1', 1],
      ['1', 2],
    ] as const) {
      tmux('send-keys', '-t', 'label', topic, 'Enter');
      await waitFor(`session ${session}`, (s) => s.includes(`session ${session}`) && s.includes('saved ✓') && !s.includes('loading'));
    }
    await waitFor('2 labels missing', (s) => s.includes('no model yet: 2 more labels needed'));
    for (const [topic, session] of [
      ['2', 3],
      ['2', 4],
    ] as const) {
      tmux('send-keys', '-t', 'label', topic, 'Enter');
      await waitFor(`session ${session}`, (s) => s.includes(`session ${session}`) && !s.includes('loading'));
    }
    await waitFor('training', (s) => s.includes('training…'));
    // The fifth article is labeled while the first model trains.
    tmux('send-keys', '-t', 'label', '3', 'Enter');
    await waitFor('session 5', (s) => s.includes('session 5'));
    const first = await waitFor('the first model', (s) => /model \d{8}-\d{6}-\w+ \([45] labels/.test(s) && !s.includes('training…'));
    expect(first).toMatch(/F1 topics \d+/);

    // (The first may have learned from 4 or 5 labels: the worker reads them once it has started.)
    const firstId = /model (\d{8}-\d{6}-\w+) \(/.exec(first)![1]!;
    tmux('send-keys', '-t', 'label', 't');
    await waitFor('the training on t', (s) => s.includes('training…'));
    await waitFor(
      'the model trained on t',
      (s) => /model \d{8}-\d{6}-\w+ \(5 labels/.test(s) && !s.includes(firstId) && !s.includes('training…') && s.includes('saved ✓'),
    );
    const pid = Number(tmux('list-panes', '-t', 'label', '-F', '#{pane_pid}').trim());
    process.kill(pid, 'SIGKILL');

    const db = await openDatabase(url);
    try {
      const labels = await db.prisma.label.findMany({ where: { annotator: { name: 'trainer' } }, include: { topics: true } });
      expect(labels.filter((l) => l.confirmedAt !== null)).toHaveLength(5);
      expect(labels.map((l) => l.topics.map((t) => t.topicKey).join()).sort()).toEqual([
        'algeria_morocco',
        'counter_terrorism',
        'counter_terrorism',
        'intelligence_cooperation',
        'intelligence_cooperation',
      ]);
      // A topic key and Enter per article: ten events, each saved.
      expect(await db.prisma.labelEvent.count({ where: { annotator: { name: 'trainer' } } })).toBe(10);
      const versions = await db.prisma.modelVersion.findMany({ orderBy: { createdAt: 'asc' } });
      expect(versions.length).toBeGreaterThanOrEqual(2);
      expect(versions.at(-1)!.trainingSize).toBe(5);
      expect(readlinkSync(join(models, 'latest'))).toBe(versions.at(-1)!.id);
    } finally {
      await db.close();
    }
  }, 600_000);
});
