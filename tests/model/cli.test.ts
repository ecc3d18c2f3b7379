import { readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDb, tempDir } from '../helpers/temp.js';
import { toyCorpus, toyHeldOut } from './toy.js';

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const TARGET_NAME = 'Algeria';

function writeCorpus(dir: string, rows: { id: string; text: string; topic?: string; stance?: string }[]): string {
  const file = join(dir, 'corpus.csv');
  const lines = ['id,text,topic,target,stance', ...rows.map((r) => [r.id, r.text, r.topic ?? '', TARGET_NAME, r.stance ?? ''].map(csvField).join(','))];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

type Row = { id: string; text: string; topic?: string; stance?: string };

async function setUp(rows: Row[] = toyCorpus().map((ex) => ({ id: ex.id, text: ex.text, topic: ex.topic, stance: ex.stanceValue }))) {
  const db = await tempDb();
  await db.close();
  const dir = tempDir();
  const models = join(dir, 'models');
  const cli = (args: string[]) => runCli(['--db', db.url, '--models', models, ...args], { cwd: dir });
  const imported = await cli([
    'import',
    writeCorpus(dir, rows),
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
  expect(imported.stderr).not.toMatch(/error/i);
  expect(imported.code).toBe(0);
  return { dir, models, cli, db };
}

function heldOutFile(dir: string): string {
  const file = join(dir, 'new.csv');
  const rows = toyHeldOut().map((h, i) => [`n${i}`, h.text, TARGET_NAME, h.topic, h.stance].map(csvField).join(','));
  writeFileSync(file, `id,text,target,topic,stance\n${rows.join('\n')}\n`);
  return file;
}

describe('mizan train / classify / eval', () => {
  it('trains from the database, reports, writes models/<id> and latest, records a ModelVersion', async () => {
    const { models, cli, db } = await setUp();
    const r = await cli(['train', '--buckets', '12', '--epochs', '12', '--seed', '3', '--backend', 'cpu']);
    expect(r.stderr).toContain('TF.js backend: cpu');
    expect(r.stderr).toMatch(/epoch +1\/12 .*loss \d\.\d{4} {2}validation macro-F1 \d\.\d{4}/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('topics');
    expect(r.stdout).toMatch(/stance mean F1\(favor, against\)/);
    expect(r.stdout).toMatch(/confusion \(rows: truth/);
    const id = readlinkSync(join(models, 'latest'));
    const meta = JSON.parse(readFileSync(join(models, id, 'metadata.json'), 'utf8')) as { backend: string; trainingSize: number; heads: { field: string }[] };
    expect(meta.backend).toBe('cpu');
    expect(meta.trainingSize).toBe(toyCorpus().length);
    expect(meta.heads.map((h) => h.field)).toEqual(['topics', 'stance:algeria']);
    const reopened = await (await import('../../src/db/open.js')).openDatabase(db.url);
    try {
      const versions = await reopened.prisma.modelVersion.findMany();
      expect(versions.map((v) => v.id)).toEqual([id]);
      expect(versions[0]!.trainingSize).toBe(toyCorpus().length);
      expect(JSON.parse(versions[0]!.metrics)).toHaveProperty('heads');
    } finally {
      await reopened.close();
    }
  });

  it('classifies a CSV with --target-col, and without it per target; eval scores gold columns', async () => {
    const { dir, cli } = await setUp();
    expect((await cli(['train', '--buckets', '12', '--epochs', '15', '--backend', 'cpu'])).code).toBe(0);
    const input = heldOutFile(dir);

    const out = join(dir, 'preds.csv');
    const c = await cli(['classify', '--in', input, '--text-col', 'text', '--id-col', 'id', '--target-col', 'target', '--out', out]);
    expect(c.stderr).toContain('classified 15 rows');
    expect(c.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,topic,topic_score,target,stance,stance_score');
    const held = toyHeldOut();
    const correct = lines.slice(1).filter((l, i) => {
      const [id, topic, , target, stance] = l.split(',');
      return id === `n${i}` && topic === held[i]!.topic && target === 'algeria' && stance === held[i]!.stance;
    });
    expect(correct.length).toBeGreaterThanOrEqual(13);

    const jsonl = join(dir, 'preds.jsonl');
    expect((await cli(['classify', '--in', input, '--out', jsonl, '--explain'])).code).toBe(0);
    const first = JSON.parse(readFileSync(jsonl, 'utf8').split('\n')[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual(['id', 'topic', 'topic_score', 'stance:algeria', 'stance_score:algeria', 'evidence']);
    expect(first['id']).toBe('1');
    expect((first['evidence'] as { field: string }[]).length).toBeGreaterThan(0);

    const e = await cli(['eval', '--in', input, '--target-col', 'target', '--topic-col', 'topic', '--stance-col', 'stance', '--json']);
    expect(e.code).toBe(0);
    const report = JSON.parse(e.stdout) as { rows: number; topicMacroF1: number; stanceMeanF1: number; heads: { field: string; size: number }[] };
    expect(report.rows).toBe(15);
    expect(report.heads.map((h) => [h.field, h.size])).toEqual([
      ['topics', 15],
      ['stance:algeria', 15],
    ]);
    expect(report.topicMacroF1).toBeGreaterThan(0.8);
    const text = await cli(['eval', '--in', input, '--target-col', 'target', '--stance-col', 'stance']);
    expect(text.stdout).toMatch(/stance:algeria .*mean F1\(favor, against\)/);
  });

  it('reads stdin and writes stdout with -', async () => {
    const { dir, cli } = await setUp();
    expect((await cli(['train', '--buckets', '12', '--epochs', '5', '--backend', 'cpu'])).code).toBe(0);
    const { PassThrough } = await import('node:stream');
    const { main } = await import('../../src/cli/main.js');
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (b: Buffer) => chunks.push(b));
    stdin.end(readFileSync(heldOutFile(dir)));
    const code = await main(['--models', join(dir, 'models'), 'classify', '--in', '-', '--out', '-', '--format', 'csv'], {
      stdin,
      stdout,
      stderr,
      env: {},
      cwd: dir,
    });
    expect(code).toBe(0);
    const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('id,topic,topic_score,stance:algeria,stance_score:algeria');
    expect(lines).toHaveLength(16);
  });

  it('a missing column, a missing model and an unknown target are one-line errors', async () => {
    const { dir, cli } = await setUp();
    const input = heldOutFile(dir);
    const noModel = await cli(['classify', '--in', input, '--out', join(dir, 'x.csv')]);
    expect(noModel.code).toBe(1);
    expect(noModel.stderr).toMatch(/no model at .*latest/);
    expect((await cli(['train', '--buckets', '12', '--epochs', '3', '--backend', 'cpu'])).code).toBe(0);
    const missing = await cli(['classify', '--in', input, '--text-col', 'body', '--out', join(dir, 'x.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('has no column "body" (--text-col)');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const badTarget = join(dir, 'bad.csv');
    writeFileSync(badTarget, 'text,target\nنص,Tunisia\n');
    const unknown = await cli(['classify', '--in', badTarget, '--target-col', 'target', '--out', join(dir, 'x.csv')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/row 1.*target "Tunisia" is not in the model's codebook/);
    const toDir = await cli(['classify', '--in', input, '--out', dir]);
    expect(toDir.code).toBe(1);
    expect(toDir.stderr).toContain('is a directory, expected a file name for --out');
    const noGold = await cli(['eval', '--in', input]);
    expect(noGold.code).toBe(2);
    const corrupt = await cli(['classify', '--in', input, '--model', dir, '--out', join(dir, 'x.csv')]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toContain('metadata.json: is missing');
  });

  it('too few labels: exits non-zero naming the classes that lack examples', async () => {
    const corpus = toyCorpus();
    const rows = [...corpus.filter((ex) => ex.topic === 'security').slice(0, 3), corpus.find((ex) => ex.topic === 'economy')!].map((ex) => ({
      id: ex.id,
      text: ex.text,
      topic: ex.topic,
    }));
    const { cli } = await setUp(rows);
    const r = await cli(['train', '--buckets', '12', '--backend', 'cpu']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('mizan: too few labelled examples (need at least 2 per class): topic:economy (1)');
  });

  it('rejects bad flag values with a usage error', async () => {
    const { cli } = await setUp();
    expect((await cli(['train', '--epochs', 'many'])).code).toBe(2);
    expect((await cli(['train', '--backend', 'gpu'])).stderr).toContain('--backend: "gpu" is not one of node, wasm, cpu');
  });
});
