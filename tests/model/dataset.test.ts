import { expect, it } from 'vitest';
import { loadCodebook } from '../../src/codebook/store.js';
import { articleText, codebookSpec, loadTrainingExamples } from '../../src/model/dataset.js';
import { describeEachProvider } from '../helpers/providers.js';
import { seedAll } from '../export/fixture.js';

describeEachProvider('training examples from the database', (p) => {
  it('resolves each field (adjudicated > majority > latest), masks what nobody judged, leaves out skipped', async () => {
    const db = await p.freshDb();
    await seedAll(db);
    const examples = await loadTrainingExamples(db.prisma);
    const byId = new Map(examples.map((e) => [e.id, e]));
    // Article 1: three annotators; the majority wins topics and the algeria stance.
    expect(byId.get('a0000000000000001')).toMatchObject({
      topics: ['counter_terrorism'],
      stance: { algeria: 'favor', morocco: 'neutral' },
    });
    expect(byId.get('a0000000000000001')!.text).toBe('تفكيك خلية إرهابية في الجزائر\nأعلنت وزارة الدفاع، اليوم، عن "تفكيك" خلية.\nسطر ثانٍ');
    // Article 2: the reviewer's adjudication beats the annotators.
    expect(byId.get('a0000000000000002')!.topics).toEqual(['algeria_morocco']);
    expect(byId.get('a0000000000000002')!.stance!['morocco']).toBe('favor');
    // Article 3: one skipped draft, one confirmed label with no stance: no stance is training data.
    expect(byId.get('a0000000000000003')?.stance).toBeUndefined();

    // No near-duplicate groups were set: no example carries one.
    expect(examples.every((e) => e.group === undefined)).toBe(true);

    const spec = codebookSpec(await loadCodebook(db.prisma));
    expect(spec.targets.find((t) => t.key === 'algeria')!.values).toContain('not_addressed');
    expect(spec.targets.find((t) => t.key === 'algeria')!.aliases).toContain('الجزائر');
  });
});

describeEachProvider('near-duplicate groups of training examples', (p) => {
  it('come from Article.nearDupGroup', async () => {
    const db = await p.freshDb();
    await seedAll(db);
    await db.prisma.article.updateMany({ where: { id: { in: ['a0000000000000001', 'a0000000000000002'] } }, data: { nearDupGroup: 'g1' } });
    const byId = new Map((await loadTrainingExamples(db.prisma)).map((e) => [e.id, e]));
    expect(byId.get('a0000000000000001')!.group).toBe('g1');
    expect(byId.get('a0000000000000002')!.group).toBe('g1');
    expect(byId.get('a0000000000000003')!.group).toBeUndefined();
  });
});

it('articleText gives back what the import split into title and body', () => {
  expect(articleText('عنوان', 'نص المقال')).toBe('عنوان\nنص المقال');
  expect(articleText('نص قصير', 'نص قصير')).toBe('نص قصير');
  expect(articleText('بداية نص طويل…', 'بداية نص طويل جدا')).toBe('بداية نص طويل جدا');
});
