import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { tempDb, tempDir } from '../../helpers/temp.js';
import { toyCorpus, toyHeldOut } from '../toy.js';

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
type Row = { id: string; text: string; topic?: string; stance?: string };

const labelled = (): Row[] => toyCorpus().map((ex) => ({ id: ex.id, text: ex.text, topic: ex.topic, stance: ex.stanceValue }));
const unlabelledRows = (): Row[] => [
  ...toyHeldOut().map((h, i) => ({ id: `u${i}`, text: h.text })),
  ...Array.from({ length: 20 }, (_, i) => ({ id: `x${i}`, text: `مقال إضافي رقم ${i} عن الاقتصاد والأمن والرياضة في المنطقة` })),
];

async function setUp(rows: Row[]) {
  const db = await tempDb();
  await db.close();
  const dir = tempDir();
  const models = join(dir, 'models');
  const cli = (args: string[]) => runCli(['--db', db.url, '--models', models, ...args], { cwd: dir });
  const file = join(dir, 'corpus.csv');
  const lines = ['id,text,topic,target,stance', ...rows.map((r) => [r.id, r.text, r.topic ?? '', 'Algeria', r.stance ?? ''].map(csvField).join(','))];
  writeFileSync(file, `${lines.join('\n')}\n`);
  const imported = await cli([
    'import',
    file,
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
  return { models, cli };
}

const TRAIN = ['train', '--buckets', '12', '--epochs', '8', '--seed', '3', '--backend', 'cpu'];
const latest = (models: string) => join(models, readlinkSync(join(models, 'latest')));
const weights = (models: string) => readFileSync(join(latest(models), 'weights.bin'));
const meta = (models: string) => JSON.parse(readFileSync(join(latest(models), 'metadata.json'), 'utf8')) as { embedding?: { corpus: { articles: number } } };

describe('mizan train --unlabeled', () => {
  it('without unlabeled articles trains the labels-only model; off equals it; self (the default) self-trains; embeddings adds the cached embedding part', async () => {
    const only = await setUp(labelled());
    const r0 = await only.cli(TRAIN);
    expect(r0.code).toBe(0);
    expect(r0.stdout + r0.stderr).not.toContain('self-training');
    expect(meta(only.models).embedding).toBeUndefined();
    const labelsOnly = weights(only.models);
    const e0 = await only.cli([...TRAIN, '--unlabeled', 'embeddings']);
    expect(e0.stderr).not.toContain('embeddings');
    expect(weights(only.models).equals(labelsOnly)).toBe(true);

    const both = await setUp([...labelled(), ...unlabelledRows()]);
    const off = await both.cli([...TRAIN, '--unlabeled', 'off']);
    expect(off.code).toBe(0);
    expect(meta(both.models).embedding).toBeUndefined();
    expect(weights(both.models).equals(labelsOnly)).toBe(true);

    const byDefault = await both.cli(TRAIN);
    expect(byDefault.code).toBe(0);
    // The 15 held-out texts are near-copies of labeled articles (another place name): left out, so
    // that a copy of a validation article cannot carry it into training; the 20 others are used.
    expect(byDefault.stdout).toMatch(/self-training: the topic head also learned from \d+ of 20 unlabeled articles/);
    expect(meta(both.models).embedding).toBeUndefined();
    expect(weights(both.models).equals(labelsOnly)).toBe(false);

    const on = await both.cli([...TRAIN, '--unlabeled', 'embeddings']);
    expect(on.code).toBe(0);
    expect(on.stderr).toMatch(/embeddings \(\d+ articles\) epoch +1\//);
    expect(meta(both.models).embedding?.corpus.articles).toBe(labelled().length + unlabelledRows().length);
    expect(weights(both.models).equals(labelsOnly)).toBe(false);
    const firstOn = weights(both.models);

    const again = await both.cli([...TRAIN, '--unlabeled', 'embeddings']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('embeddings: reusing the cached table');
    expect(weights(both.models).equals(firstOn)).toBe(true);
  }, 240_000);

  it('rejects another value with a usage error', async () => {
    const { cli } = await setUp(labelled());
    const r = await cli(['train', '--unlabeled', 'maybe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--unlabeled');
  });
});
