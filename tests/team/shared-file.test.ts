// Several processes on one SQLite file: each command opens the database (and checks migrations)
// while others keep it open and write — the TUI, the server, a teammate's import.
import { expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.js';
import { runCli } from '../helpers/cli.js';
import { describeEachProvider } from '../helpers/providers.js';
import { addArticles, seedCodebook } from './fixture.js';

describeEachProvider('a database shared by open handles', (p) => {
  it('a command opens (and reads) the database while another handle holds it open after writing', async () => {
    const holder = await p.freshDb();
    await seedCodebook(holder.prisma);
    await addArticles(holder.prisma, 3);
    const second = await openDatabase(holder.url);
    try {
      expect(second.applied).toEqual([]);
      expect(await second.prisma.article.count()).toBe(3);
    } finally {
      await second.close();
    }
    const stats = await runCli(['--db', holder.url, 'stats', '--json']);
    expect(stats.stderr).toBe('');
    expect(JSON.parse(stats.stdout)).toMatchObject({ articles: 3, codebookVersion: 1 });
    // The holder still writes afterwards.
    await holder.prisma.annotator.create({ data: { name: 'late' } });
    expect(await holder.prisma.annotator.count()).toBe(1);
  });
});
