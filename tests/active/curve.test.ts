import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verdict } from '../../src/active/curve.js';
import { runCli } from '../helpers/cli.js';
import { tempDb, tempDir } from '../helpers/temp.js';
import { STANCES, SUBJECTS } from '../model/toy.js';

const csv = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

// The toy corpus's subjects and stance sentences in many towns: separable, so every step scores
// alike and the curve is flat; `places` towns per subject.
async function setUp(places: number) {
  const db = await tempDb();
  await db.close();
  const dir = tempDir();
  const rows: string[] = ['id,text,topic,target,stance'];
  for (const [topic, subjects] of Object.entries(SUBJECTS)) {
    subjects.forEach((subject, s) => {
      for (let p = 0; p < places; p++) {
        const stance = Object.keys(STANCES)[(s + p) % 3]!;
        rows.push([`${topic}-${s}-${p}`, `${subject} في البلدة ${p + 1}. ${STANCES[stance]}.`, topic, 'Algeria', stance].map(csv).join(','));
      }
    });
  }
  writeFileSync(join(dir, 'corpus.csv'), `${rows.join('\n')}\n`);
  const cli = (args: string[]) => runCli(['--db', db.url, '--models', join(dir, 'models'), ...args], { cwd: dir });
  const imported = await cli([
    'import',
    join(dir, 'corpus.csv'),
    '--text-col',
    'text',
    '--id-col',
    'id',
    '--topic-col',
    'topic',
    '--target-col',
    'target',
    '--stance-col',
    'stance',
    '--extend-codebook',
  ]);
  expect(imported.code).toBe(0);
  return { cli, dir };
}

describe('mizan train --curve', () => {
  it('prints per head the held-out score at 25/50/75/100 %, a chart and a verdict; --json for machines', async () => {
    const { cli, dir } = await setUp(14);
    const text = await cli(['train', '--curve', '--buckets', '12', '--epochs', '8']);
    expect(text.code).toBe(0);
    expect(text.stderr).toContain('training on 25 % (');
    expect(text.stdout).toMatch(/learning curve: 210 labels, 42 held out \(seed 1\)/);
    expect(text.stdout).toMatch(/topics \(macro-F1, 42 held out\)/);
    expect(text.stdout).toMatch(/stance:algeria \(F1\(favor, against\), 42 held out\)/);
    expect(text.stdout).toMatch(/labels +42 +84 +126 +168/);
    expect(text.stdout).toContain('25%');
    expect(text.stdout).toContain('verdict: flat');
    // The verdict is kept for the labeling screen's header.
    const kept = JSON.parse(readFileSync(join(dir, 'models', 'curve.json'), 'utf8')) as { labels: number; heads: { field: string; verdict: string }[] };
    expect(kept.labels).toBe(210);
    expect(kept.heads).toEqual([
      { field: 'topics', verdict: 'flat' },
      { field: 'stance:algeria', verdict: 'flat' },
    ]);

    const json = await cli(['train', '--curve', '--json', '--buckets', '12', '--epochs', '8']);
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout) as {
      labels: number;
      heldOut: number;
      heads: { field: string; verdict: string; points: { fraction: number; labels: number; score: number | null }[] }[];
    };
    expect(r.labels).toBe(210);
    expect(r.heads.map((h) => h.field)).toEqual(['topics', 'stance:algeria']);
    for (const h of r.heads) {
      expect(h.points.map((p) => p.fraction)).toEqual([0.25, 0.5, 0.75, 1]);
      expect(h.points.map((p) => p.labels)).toEqual([42, 84, 126, 168]);
      expect(h.points.every((p) => p.score !== null && p.score > 0.9)).toBe(true);
      expect(h.verdict).toBe('flat');
    }
    // No model is saved by --curve.
    expect((await cli(['classify', '--text', 'نص'])).code).not.toBe(0);
  });

  it('a small corpus: too few held-out labels to tell', async () => {
    const { cli } = await setUp(4);
    const r = await cli(['train', '--curve', '--buckets', '12', '--epochs', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verdict: too few labels to tell');
    expect(r.stdout).not.toContain('verdict: flat');
  });

  it('verdict: rising when the last steps add more than noise, flat when not', () => {
    const pts = (s: number[]) => s.map((score, i) => ({ fraction: (i + 1) / 4, labels: 100 * (i + 1), score }));
    expect(verdict({ heldOut: 400, points: pts([0.6, 0.7, 0.75, 0.79]) })).toBe('rising');
    expect(verdict({ heldOut: 400, points: pts([0.6, 0.78, 0.79, 0.795]) })).toBe('flat');
    // The same gain on 40 held-out labels is within noise.
    expect(verdict({ heldOut: 40, points: pts([0.6, 0.74, 0.76, 0.79]) })).toBe('flat');
    expect(verdict({ heldOut: 20, points: pts([0.2, 0.4, 0.6, 0.8]) })).toBe('too-few');
    // Untrainable at 50 %: not enough steps to judge.
    const gap = pts([0.5, 0.6, 0.7, 0.8]).map((p, i) => (i < 2 ? { ...p, score: null } : p));
    expect(verdict({ heldOut: 400, points: gap })).toBe('too-few');
  });
});
