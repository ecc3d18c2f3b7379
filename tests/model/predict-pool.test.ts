import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { isInputError } from '../../src/input-error.js';
import { classifyTable } from '../../src/model/classify-table.js';
import { saveModel } from '../../src/model/io.js';
import type { LoadedModel } from '../../src/model/io.js';
import { isPredictThreadError, PredictPool } from '../../src/model/predict-pool.js';
import { predict } from '../../src/model/predict.js';
import { trainModel } from '../../src/model/train.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import { TOY_SPEC, toyCorpus, toyHeldOut } from './toy.js';

let model: LoadedModel;
// Varied texts, each once (so that a batch delivered in the wrong order would show).
const texts = Array.from({ length: 150 }, (_, i) => {
  const h = toyHeldOut()[i % toyHeldOut().length]!;
  return `${h.text} ${'وقال المتحدث '.repeat(i % 7)}${i}`;
});

beforeAll(async () => {
  model = (await trainModel(toyCorpus(), TOY_SPEC, { seed: 5, epochs: 10, validationFraction: 0.2, hashBits: 12 })).model;
});

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

function inputFile(dir: string, rows: string[][]): string {
  const file = join(dir, 'in.csv');
  writeFileSync(file, `id,text,target\n${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`);
  return file;
}

async function inlineOutput(dir: string, input: string): Promise<string> {
  await classifyTable(model, {
    input,
    output: join(dir, 'inline.csv'),
    textCol: 'text',
    idCol: 'id',
    threads: 1,
    stdin: new PassThrough(),
    stdout: new PassThrough(),
  });
  return readFileSync(join(dir, 'inline.csv'), 'utf8');
}

describe('PredictPool', () => {
  it('gives the same predictions as predict(), batch by batch, in the order asked, then closes cleanly', async () => {
    const pool = new PredictPool(model, 2);
    const batches = Array.from({ length: 10 }, (_, b) => texts.slice(b * 15, b * 15 + 15));
    const results = await Promise.all(batches.map((b, i) => pool.predict(b, { explain: i % 2 === 0 })));
    results.forEach((r, i) => expect(r).toEqual(predict(model, batches[i]!, { explain: i % 2 === 0 })));
    // Batches submitted right before close() still complete; afterwards the pool refuses work.
    const last = pool.predict(texts.slice(0, 3));
    await pool.close();
    expect(await last).toEqual(predict(model, texts.slice(0, 3)));
    const refused = await pool.predict(['x']).catch((e: unknown) => e);
    expect(isPredictThreadError(refused)).toBe(true);
    await pool.close(); // idempotent
  });
});

describe('classifyTable with prediction threads', () => {
  it('writes the same rows in the same order as predicting inline', async () => {
    const dir = tempDir();
    const input = inputFile(
      dir,
      texts.map((t, i) => [`r${i}`, t, 'algeria']),
    );
    const run = async (threads: number, out: string, explain: boolean) => {
      const n = await classifyTable(model, {
        input,
        output: join(dir, out),
        textCol: 'text',
        idCol: 'id',
        targetCol: 'target',
        explain,
        threads,
        batchSize: 16,
        stdin: new PassThrough(),
        stdout: new PassThrough(),
      });
      expect(n).toBe(texts.length);
      return readFileSync(join(dir, out), 'utf8');
    };
    const inline = await run(1, 'inline.csv', false);
    expect(inline.split('\n')[1]).toMatch(/^r0,/);
    expect(await run(2, 'threads.csv', false)).toBe(inline);
    expect(await run(3, 'explain-threads.jsonl', true)).toBe(await run(1, 'explain-inline.jsonl', true));
  });

  it('reuses a given pool and leaves it open', async () => {
    const dir = tempDir();
    const input = inputFile(
      dir,
      texts.map((t, i) => [`r${i}`, t, 'algeria']),
    );
    const pool = new PredictPool(model, 2);
    try {
      await pool.started();
      expect(pool.ready).toBe(true);
      const opts = { input, textCol: 'text', idCol: 'id', batchSize: 10, pool, stdin: new PassThrough(), stdout: new PassThrough() };
      await classifyTable(model, { ...opts, output: join(dir, 'a.csv') });
      expect(pool.jobs).toBeGreaterThanOrEqual(14); // every full batch went to the threads
      expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe(await inlineOutput(dir, input));
      await classifyTable(model, { ...opts, output: join(dir, 'b.csv') });
      expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a.csv'), 'utf8'));
      expect(await pool.predict(texts.slice(0, 2))).toEqual(predict(model, texts.slice(0, 2)));
    } finally {
      await pool.close();
    }
  });

  it('a bad row after batches went to the threads is still the same InputError, and the threads stop', async () => {
    const dir = tempDir();
    const rows = texts.map((t, i) => [`r${i}`, t, i === 100 ? 'Narnia' : 'algeria']);
    const e = await classifyTable(model, {
      input: inputFile(dir, rows),
      output: join(dir, 'out.csv'),
      textCol: 'text',
      targetCol: 'target',
      threads: 2,
      batchSize: 8,
      stdin: new PassThrough(),
      stdout: new PassThrough(),
    }).catch((x: unknown) => x);
    expect(isInputError(e)).toBe(true);
    expect((e as Error).message).toContain('target "Narnia" is not in the model\'s codebook');
    expect((e as { where: { row?: number } }).where.row).toBeGreaterThan(100);
  });
});

describe('mizan classify --threads', () => {
  it('classifies with the threads asked for, the same output as --threads 1; rejects a bad count', async () => {
    const dir = tempDir();
    const saved = await saveModel(model, join(dir, 'models'));
    const input = inputFile(
      dir,
      texts.map((t, i) => [`r${i}`, t, 'algeria']),
    );
    const outputs: string[] = [];
    for (const threads of ['1', '2']) {
      const r = await runCli(['classify', '--in', input, '--id-col', 'id', '--model', saved.dir, '--out', `out${threads}.csv`, '--threads', threads], {
        cwd: dir,
      });
      expect(r.stderr).toMatch(/classified 150 rows/);
      expect(r.code).toBe(0);
      outputs.push(readFileSync(join(dir, `out${threads}.csv`), 'utf8'));
    }
    expect(outputs[1]).toBe(outputs[0]);
    const bad = await runCli(['classify', '--in', input, '--model', saved.dir, '--out', 'x.csv', '--threads', 'two'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--threads: "two" is not a whole number from 1 to 64');
  });
});
