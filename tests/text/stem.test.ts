import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE, featureTerms, lightStem, resolvePipelineConfig } from '../../src/text/pipeline.js';

describe('lightStem: proclitics', () => {
  it.each([
    ['الحكومة', 'حكوم'], // ال (+ suffix ة)
    ['والعراق', 'عراق'], // و + ال
    ['فالحكومة', 'حكوم'], // ف + ال
    ['بالمغرب', 'مغرب'], // ب + ال
    ['كالسلام', 'سلام'], // ك + ال
    ['للطلاب', 'طلاب'], // لل (ل + ال)
    ['وللحكومة', 'حكوم'], // و + لل
    ['وبالأمس', 'أمس'], // و + ب + ال
    ['فبالمغرب', 'مغرب'], // ف + ب + ال
    ['وأعلنت', 'أعلنت'], // و before 5 letters
  ])('%s → %s', (word, stem) => {
    expect(lightStem(word)).toBe(stem);
  });

  it.each([
    ['وزير'], // و is a root letter: fewer than 5 letters follow
    ['وقالت'],
    ['لبنا'], // a bare ل is never stripped
    ['بريطانيا'], // nor a bare ب
    ['كتاب'], // nor a bare ك
    ['ال'], // the article alone stays
  ])('%s keeps its first letters', (word) => {
    expect(lightStem(word).charAt(0)).toBe(word.charAt(0));
  });
});

describe('lightStem: suffixes', () => {
  it.each([
    ['قواتها', 'قوات'], // ها
    ['رئيسهم', 'رئيس'], // هم
    ['بلادنا', 'بلاد'], // نا
    ['تعاونكم', 'تعاون'], // كم
    ['المغربيون', 'مغربي'], // ون
    ['الجزائريين', 'جزائري'], // ين
    ['المفاوضات', 'مفاوض'], // ات
    ['الجيشان', 'جيش'], // ان
    ['اتفاقيتين', 'اتفاقي'], // تين
    ['عملياتهما', 'عمليات'], // هما
    ['الليبية', 'ليب'], // ية
    ['الليبيه', 'ليب'], // يه (taa marbuta normalized to ه)
    ['قالوا', 'قال'], // وا
    ['رئيسي', 'رئيس'], // ي
    ['منظمة', 'منظم'], // ة
  ])('%s → %s', (word, stem) => {
    expect(lightStem(word)).toBe(stem);
  });

  it('never leaves fewer than 3 letters after a suffix or 2 after a prefix', () => {
    expect(lightStem('بها')).toBe('بها');
    expect(lightStem('هم')).toBe('هم');
    expect(lightStem('السد')).toBe('سد');
  });

  it('leaves non-Arabic words alone', () => {
    expect(lightStem('Maroc')).toBe('Maroc');
    expect(lightStem('2023')).toBe('2023');
  });
});

describe('stems as features', () => {
  it('are extra features beside the surface word, shared across clitic forms', () => {
    const a = featureTerms('والحكومة', DEFAULT_PIPELINE);
    const b = featureTerms('بالحكومة', DEFAULT_PIPELINE);
    expect(a.filter((t) => t.kind === 'word').map((t) => t.term)).toEqual(['والحكومة']);
    const stemA = a.find((t) => t.kind === 'stem');
    const stemB = b.find((t) => t.kind === 'stem');
    expect(stemA?.term).toBe('حكوم');
    expect(stemA?.id).toBe(stemB?.id);
  });

  it('are absent when switched off', () => {
    const config = resolvePipelineConfig({ features: { stems: false } });
    expect(featureTerms('والحكومة', config).some((t) => t.kind === 'stem')).toBe(false);
  });
});
