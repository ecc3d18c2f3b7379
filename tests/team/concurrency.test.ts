// Four annotator processes label the same corpus at the same time through the work queue: every
// label lands, none breaks the overlap rule, and no "database is locked" error surfaces.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { describeEachProvider } from '../helpers/providers.js';
import { addArticles, seedCodebook } from './fixture.js';

const ROOT = join(import.meta.dirname, '../..');
const WORKER = join(import.meta.dirname, 'annotator-worker.ts');
const NAMES = ['amina', 'bilal', 'chafik', 'dalia'];

interface WorkerResult {
  name: string;
  labeled: string[];
  stderr: string;
}

function runWorker(url: string, name: string, overlap: number, max: number): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, url, name, String(overlap), String(max)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`annotator ${name} exited with ${code}: ${err}`));
      else resolve({ ...(JSON.parse(out) as Omit<WorkerResult, 'stderr'>), stderr: err });
    });
  });
}

async function prepare(url: string, articles: number): Promise<string[]> {
  const db = await openDatabase(url);
  try {
    await seedCodebook(db.prisma);
    return await addArticles(db.prisma, articles);
  } finally {
    await db.close();
  }
}

async function labelsPerArticle(url: string): Promise<{ perArticle: Map<string, string[]>; events: number; claims: number }> {
  const db = await openDatabase(url);
  try {
    const rows = await db.prisma.label.findMany({
      where: { kind: 'annotation', confirmedAt: { not: null } },
      select: { articleId: true, topicsLabeled: true, annotator: { select: { name: true } } },
    });
    const perArticle = new Map<string, string[]>();
    for (const r of rows) {
      expect(r.topicsLabeled).toBe(true);
      perArticle.set(r.articleId, [...(perArticle.get(r.articleId) ?? []), r.annotator.name]);
    }
    return { perArticle, events: await db.prisma.labelEvent.count(), claims: await db.prisma.claim.count() };
  } finally {
    await db.close();
  }
}

describeEachProvider('concurrent annotators', (p) => {
  it('overlap 1: 4 processes × 250 labels, no article labeled twice', async () => {
    const url = await p.freshUrl();
    const ids = await prepare(url, 1000);
    const results = await Promise.all(NAMES.map((n) => runWorker(url, n, 1, 250)));
    for (const r of results) {
      expect(r.labeled).toHaveLength(250);
      expect(r.stderr).not.toMatch(/database is locked|SQLITE_BUSY/i);
    }
    const { perArticle, events, claims } = await labelsPerArticle(url);
    expect(perArticle.size).toBe(1000);
    expect([...perArticle.keys()].sort()).toEqual(ids);
    for (const [, who] of perArticle) expect(who).toHaveLength(1);
    expect(events).toBe(1000);
    expect(claims).toBe(0);
    const labeled = results.flatMap((r) => r.labeled);
    expect(new Set(labeled).size).toBe(1000);
  }, 180_000);

  it('overlap 2: 4 processes label 200 articles until the queue is empty, each article by exactly 2 annotators', async () => {
    const url = await p.freshUrl();
    await prepare(url, 200);
    const results = await Promise.all(NAMES.map((n) => runWorker(url, n, 2, 0)));
    expect(results.reduce((n, r) => n + r.labeled.length, 0)).toBe(400);
    for (const r of results) {
      expect(new Set(r.labeled).size).toBe(r.labeled.length);
      expect(r.stderr).not.toMatch(/database is locked|SQLITE_BUSY/i);
    }
    const { perArticle, claims } = await labelsPerArticle(url);
    expect(perArticle.size).toBe(200);
    expect(claims).toBe(0);
    for (const [, who] of perArticle) {
      expect(who).toHaveLength(2);
      expect(new Set(who).size).toBe(2);
    }
  }, 180_000);
});
