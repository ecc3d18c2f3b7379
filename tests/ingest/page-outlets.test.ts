import { describe, expect, it } from 'vitest';
import { outletIn, outletNamed } from '../../src/ingest/parse/page/outlets.js';
import { isNameLike, readMeta, selfMention, siteNameLine } from '../../src/ingest/parse/page/meta.js';

describe('outlet table', () => {
  it('names an outlet by its Arabic name, Latin brand or domain', () => {
    for (const spelling of ['بوابة الوسط', 'Atwasat', 'alwasat.ly', 'Al Wasat']) expect(outletNamed(spelling)?.key).toBe('atwasat');
    for (const spelling of ['اليوم 24', 'اليوم24', 'Alyaoum24', 'alyaoum24.com']) expect(outletNamed(spelling)?.key).toBe('alyaoum24');
    expect(outletNamed('«هسبريس»')?.key).toBe('hespress');
    expect(outletNamed('موقع تيل كيل عربي')?.key).toBe('telquel-arabi');
    expect(outletNamed('TelQuel')?.key).toBe('telquel');
  });

  it('does not see outlets in ordinary words', () => {
    expect(outletIn('بالتناوب بين الجزائر العاصمة أو الرباط أو الدار البيضاء')).toBeNull();
    expect(outletIn('انقر هنا لقراءة الخبر من مصدره')).toBeNull();
    expect(outletIn('نائب مدير مكتب الدبلوماسية العامة لمنطقة الشرق الأوسط')).toBeNull();
    expect(outletIn('اليوم الأربعاء تواصل الخبراء')).toBeNull();
    expect(outletIn('في تصريح لـهسبريس أمس')?.outlet.key).toBe('hespress');
  });
});

describe('metadata lines', () => {
  it('reads "PLACE - OUTLET: AUTHOR DATE"', () => {
    const m = readMeta('الجزائر - بوابة الوسط: عبدالرحمن أميني الأربعاء 07 ديسمبر 2016, 11:47 صباحا');
    expect(m).toMatchObject({ dateline: 'الجزائر', source: { key: 'atwasat' }, sourceVia: 'dateline', author: 'عبدالرحمن أميني' });
    expect(m.date?.date).toEqual(new Date(Date.UTC(2016, 11, 7, 11, 47)));
  });

  it('reads "PLACE - AUTHOR" as a dateline with a byline, and "OUTLET - خاص" as the source', () => {
    expect(readMeta('الرباط - محمد بلقاسم')).toMatchObject({ dateline: 'الرباط', author: 'محمد بلقاسم', source: null });
    expect(readMeta('الدار- خاص')).toMatchObject({ source: { key: 'aldar' }, dateline: null });
  });

  it('reads source phrases and bylines', () => {
    expect(readMeta('المصدر: هسبريس')).toMatchObject({ source: { key: 'hespress' }, sourceVia: 'cited' });
    expect(readMeta('نشر في اليوم 24 يوم 05 - 02 - 2015')).toMatchObject({ source: { key: 'alyaoum24' }, sourceVia: 'published' });
    expect(readMeta('المزيد من بوابة الوسط')).toMatchObject({ source: { key: 'atwasat' }, sourceVia: 'more' });
    expect(readMeta('أجرى الحوار: سعيد العلوي')).toMatchObject({ author: 'سعيد العلوي' });
    expect(readMeta('بقلم: سامر الخليل')).toMatchObject({ author: 'سامر الخليل' });
  });

  it('takes short Latin first lines for site names, and two-to-four-word Arabic lines for names', () => {
    expect(siteNameLine('Atwasat')).toEqual({ name: 'بوابة الوسط', key: 'atwasat' });
    expect(siteNameLine('Goud.ma')).toEqual({ name: 'Goud.ma', key: 'goud' });
    expect(siteNameLine('تعليقات')).toBeNull();
    expect(isNameLike('خديجة قدوري')).toBe(true);
    expect(isNameLike('أولوية الأمن الوطني في المنطقة المغاربية')).toBe(false);
    expect(isNameLike('الدار البيضاء')).toBe(false);
  });

  it('finds the outlet named by the article itself', () => {
    expect(selfMention('تواصل موقع "تيلكيل عربي"، اليوم الأربعاء، مع الخبير')?.key).toBe('telquel-arabi');
    expect(selfMention('وقال في تصريح لـ«هسبريس» إن')?.key).toBe('hespress');
    expect(selfMention('في تحليل نشره موقع «مؤسسة جايمس تاون» الأميركية')).toBeNull();
  });
});
