import { expect, it } from 'vitest';
import { applyChange, loadLabel, stanceField, topicField, undoLast } from '../../src/labels/edit.js';
import { isLabelFieldError } from '../../src/labels/edit-errors.js';
import { formatSessionSummary, sessionSummary } from '../../src/labels/history.js';
import { describeEachProvider } from '../helpers/providers.js';
import { addArticles, seedCodebook, session } from './label-fixture.js';

describeEachProvider('label edits', (p) => {
  it('writes each change with one event and reads it back', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a] = await addArticles(db, 1);
    const s = await session(db);
    await applyChange(db.prisma, s.editor, a!, { field: topicField('counter_terrorism'), after: 'on' });
    await applyChange(db.prisma, s.editor, a!, { field: stanceField('algeria'), after: 'favor' });
    await applyChange(db.prisma, s.editor, a!, { field: stanceField('algeria'), after: 'against' });
    await applyChange(db.prisma, s.editor, a!, { field: 'note', after: 'الخبر غامض' });
    const confirmedAt = new Date('2026-01-02T03:04:05.000Z').toISOString();
    await applyChange(db.prisma, s.editor, a!, { field: 'confirmed', after: confirmedAt });

    expect(await loadLabel(db.prisma, s.editor, a!)).toEqual({
      topics: ['counter_terrorism'],
      stance: { algeria: 'against' },
      note: 'الخبر غامض',
      skipped: false,
      confirmedAt,
    });
    const row = await db.prisma.label.findFirstOrThrow({ where: { articleId: a! } });
    expect(row).toMatchObject({ topicsLabeled: true, kind: 'annotation', version: s.editor.version });
    const events = await db.prisma.labelEvent.findMany({ orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.field, e.before, e.after, e.action, e.session])).toEqual([
      ['topic:counter_terrorism', null, 'on', 'set', s.id],
      ['stance:algeria', null, 'favor', 'set', s.id],
      ['stance:algeria', 'favor', 'against', 'set', s.id],
      ['note', null, 'الخبر غامض', 'set', s.id],
      ['confirmed', null, confirmedAt, 'set', s.id],
    ]);
  });

  it('writes nothing when the value does not change', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a] = await addArticles(db, 1);
    const s = await session(db);
    expect(await applyChange(db.prisma, s.editor, a!, { field: 'skipped', after: 'false' })).toBeNull();
    expect(await db.prisma.label.count()).toBe(0);
    expect(await db.prisma.labelEvent.count()).toBe(0);
  });

  it('undo walks back through several changes, across articles, and after a skip', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a, b] = await addArticles(db, 2);
    const s = await session(db);
    await applyChange(db.prisma, s.editor, a!, { field: topicField('diplomacy'), after: 'on' });
    await applyChange(db.prisma, s.editor, a!, { field: stanceField('morocco'), after: 'neutral' });
    await applyChange(db.prisma, s.editor, b!, { field: 'skipped', after: 'true' });

    const u1 = await undoLast(db.prisma, s.editor);
    expect(u1).toMatchObject({ articleId: b, field: 'skipped', before: 'true', after: 'false', action: 'undo' });
    expect((await loadLabel(db.prisma, s.editor, b!)).skipped).toBe(false);

    const u2 = await undoLast(db.prisma, s.editor);
    expect(u2).toMatchObject({ articleId: a, field: 'stance:morocco', before: 'neutral', after: null });
    expect(await loadLabel(db.prisma, s.editor, a!)).toMatchObject({ topics: ['diplomacy'], stance: {} });

    await undoLast(db.prisma, s.editor);
    expect((await loadLabel(db.prisma, s.editor, a!)).topics).toEqual([]);
    expect(await undoLast(db.prisma, s.editor)).toBeNull();

    const events = await db.prisma.labelEvent.findMany({ where: { action: 'undo' }, orderBy: { id: 'asc' } });
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.undoOf !== null && e.session === s.id)).toBe(true);
  });

  it("undo does not touch another annotator's changes", async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a] = await addArticles(db, 1);
    const amina = await session(db);
    const yusuf = await session(db, { annotator: 'yusuf' });
    await applyChange(db.prisma, amina.editor, a!, { field: topicField('diplomacy'), after: 'on' });
    await applyChange(db.prisma, yusuf.editor, a!, { field: topicField('sahel_security'), after: 'on' });
    await undoLast(db.prisma, amina.editor);
    expect((await loadLabel(db.prisma, amina.editor, a!)).topics).toEqual([]);
    expect((await loadLabel(db.prisma, yusuf.editor, a!)).topics).toEqual(['sahel_security']);
  });

  it('rejects an unknown field', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a] = await addArticles(db, 1);
    const s = await session(db);
    const err = await applyChange(db.prisma, s.editor, a!, { field: 'colour', after: 'red' }).catch((e: unknown) => e);
    expect(isLabelFieldError(err)).toBe(true);
  });

  it('session summary: what the session confirmed and skipped, net of undos', async () => {
    const db = await p.freshDb();
    await seedCodebook(db);
    const [a, b, c] = await addArticles(db, 3);
    const s = await session(db);
    expect(formatSessionSummary(await sessionSummary(db.prisma, s.id))).toBe('no changes this session');
    const at = '2026-01-01T00:00:00.000Z';
    await applyChange(db.prisma, s.editor, a!, { field: topicField('diplomacy'), after: 'on' });
    await applyChange(db.prisma, s.editor, a!, { field: 'confirmed', after: at });
    await applyChange(db.prisma, s.editor, b!, { field: 'skipped', after: 'true' });
    await applyChange(db.prisma, s.editor, c!, { field: 'confirmed', after: at });
    await undoLast(db.prisma, s.editor);
    expect(await sessionSummary(db.prisma, s.id)).toEqual({ changes: 5, undos: 1, confirmed: 1, skipped: 1 });
  });
});
