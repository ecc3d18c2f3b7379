import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { predict } from '../../src/model/predict.js';
import { classification } from '../../src/server/present.js';
import { tempDb, tempDir } from '../helpers/temp.js';
import { tinyCorpus, trainTinyModel } from './tiny-model.js';

const BIN = new URL('../../bin/mizan.js', import.meta.url).pathname;
const TEXTS = tinyCorpus()
  .filter((_, i) => i % 5 === 0)
  .map((e) => e.text);

type Batch = { modelVersion: string; results: ({ id: string } & ReturnType<typeof classification>)[] };

describe('mizan serve --workers 2 (child process)', () => {
  it('every worker answers batches with the same predictions as predict(), follows models/latest to a new model, and stops on SIGTERM', async () => {
    const db = await tempDb();
    await db.close();
    const modelsDir = tempDir();
    const first = await trainTinyModel(modelsDir, 1);
    const child = spawn(process.execPath, [BIN, '--db', db.url, '--models', modelsDir, 'serve', '--port', '0', '--workers', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /listening on (http:\/\/\S+) with 2 workers/.exec(line);
        if (m !== null) resolve(m[1]!);
      });
      void exited.then((code) => reject(new Error(`exited ${code}: ${stderr.join('\n')}`)));
    });
    const items = TEXTS.map((text, i) => ({ id: `i${i}`, text }));
    // A new connection per request: the primary hands connections to the workers in turn.
    const batch = async (): Promise<Batch> => {
      const res = await fetch(`${url}/v1/classify/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', connection: 'close' },
        body: JSON.stringify({ items }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Batch;
    };
    const expected = (model: typeof first) => predict(model, TEXTS).map((p, i) => ({ id: `i${i}`, ...classification(p) }));
    try {
      for (let i = 0; i < 4; i++) {
        const b = await batch();
        expect(b.modelVersion).toBe(first.id);
        expect(b.results).toEqual(expected(first));
      }
      const second = await trainTinyModel(modelsDir, 2);
      expect(second.id).not.toBe(first.id);
      // Each worker polls `latest` on its own (every second): wait until several answers in a row,
      // on separate connections, come from the new model.
      let inARow = 0;
      const deadline = Date.now() + 20_000;
      while (inARow < 6 && Date.now() < deadline) {
        const b = await batch();
        if (b.modelVersion === second.id) {
          expect(b.results).toEqual(expected(second));
          inARow++;
        } else {
          expect(b.modelVersion).toBe(first.id);
          inARow = 0;
        }
      }
      expect(inARow).toBe(6);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const records = stderr.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(new Set(records.filter((r) => r['path'] === '/v1/classify/batch').map((r) => r['pid'])).size).toBe(2);
    expect(records.filter((r) => /model swapped from/.test(String(r['message'])))).toHaveLength(2);
  });
});
