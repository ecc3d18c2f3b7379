// `mizan label` start-up: which command module loads, and the first-run seeding check (one raw
// query on either provider; the seeding code loads only for an empty database).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../src/cli/commands/label.js';
import { fastCommand } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { describeEachProvider } from '../helpers/providers.js';

function memoryIO(): CliIO & { err: () => string } {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (b: Buffer) => chunks.push(b));
  return { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: {}, cwd: process.cwd(), err: () => Buffer.concat(chunks).toString('utf8') };
}

describe('fastCommand: `label` loads only its own command module', () => {
  it('finds label after the global options, and nothing else', () => {
    expect(fastCommand(['label'])).toBe('label');
    expect(fastCommand(['--db', 'file:x.db', 'label', '--annotator', 'a'])).toBe('label');
    expect(fastCommand(['--db=file:x.db', '--models', 'm', 'label'])).toBe('label');
    expect(fastCommand([])).toBeNull();
    expect(fastCommand(['--help', 'label'])).toBeNull();
    expect(fastCommand(['stats'])).toBeNull();
    expect(fastCommand(['--db', 'label'])).toBeNull(); // "label" is the database URL here
  });
});

describeEachProvider('first run of mizan label', (p) => {
  it('an empty database gets the seed codebook and articles once; a seeded one is left alone', async () => {
    const db = await p.freshDb();
    try {
      const io = memoryIO();
      await seedIfEmpty(db, io);
      const articles = await db.prisma.article.count();
      expect(articles).toBeGreaterThan(0);
      expect(await db.prisma.codebookVersion.count()).toBe(1);
      expect(io.err()).toContain(`imported ${articles} seed articles`);

      const again = memoryIO();
      await seedIfEmpty(db, again);
      expect(await db.prisma.article.count()).toBe(articles);
      expect(await db.prisma.codebookVersion.count()).toBe(1);
      expect(again.err()).toBe('');
    } finally {
      await db.close();
    }
  });

  it('a database with articles but no codebook gets the seed codebook only', async () => {
    const db = await p.freshDb();
    try {
      await db.prisma.article.create({ data: { id: 'a1', title: 't', body: 'b', rawText: 'b', contentHash: 'h1' } });
      await seedIfEmpty(db, memoryIO());
      expect(await db.prisma.codebookVersion.count()).toBe(1);
      expect(await db.prisma.article.count()).toBe(1);
    } finally {
      await db.close();
    }
  });
});
