// Model suggestions on the labeling screen, with a real tiny model trained in the test.
import { describe, expect, it } from 'vitest';
import { predict } from '../../src/model/predict.js';
import { confidence, modelSuggester, toSuggestion } from '../../tui/suggest.js';
import type { CodebookView } from '../../tui/state/types.js';
import { tempDir } from '../helpers/temp.js';
import { trainTinyModel } from '../server/tiny-model.js';

const CODEBOOK: CodebookView = {
  version: 3,
  multiLabel: false,
  topics: [
    { key: 'security', name: 'Security', hotkey: '1' },
    { key: 'economy', name: 'Economy', hotkey: '2' },
    { key: 'sport', name: 'Sport', hotkey: '3' },
  ],
  targets: [{ key: 'algeria', name: 'Algeria' }],
  values: [
    { key: 'favor', name: 'Favor', hotkey: 'f' },
    { key: 'against', name: 'Against', hotkey: 'a' },
    { key: 'not_addressed', name: 'Not addressed', hotkey: 'x' },
  ],
};

describe('model suggestions', () => {
  it('pre-selects the predicted topic and stance with confidence and evidence; ranks by confidence', async () => {
    const model = await trainTinyModel(tempDir());
    const text = 'تفكيك خلية إرهابية في الرباط وأشاد المراقبون بدور الجزائر الإيجابي ونجاحها';
    const { suggest, ranker, highlight } = modelSuggester(model, CODEBOOK);
    const s = await suggest({ id: 'x', title: '', source: null, publishedAt: null, publishedText: null, dateline: null, author: null, body: text });
    expect(s?.topics.map((t) => t.key)).toEqual(['security']);
    expect(s?.stance['algeria']?.value).toBe('favor');
    expect(s?.evidence.length).toBeGreaterThan(0);
    expect(s?.model).toBe(model.id);
    // The screen marks the evidence in the article with the highlighter that comes with the model.
    const spans = highlight(text, s!.evidence);
    expect(spans.map((sp) => sp.text).join('')).toBe(text);
    expect(spans.some((sp) => sp.highlight === true)).toBe(true);
    const scores = await ranker([
      { id: 'clear', title: '', body: text },
      { id: 'vague', title: '', body: 'قال المتحدث' },
    ]);
    expect(scores.get('vague')!).toBeLessThan(scores.get('clear')!);
    const [p] = predict(model, [text]);
    expect(confidence(p!)).toBe(scores.get('clear'));
  });

  it('multi-label codebooks keep every topic at or above 0.5; unknown labels are dropped', () => {
    const s = toSuggestion(
      {
        topics: [
          { label: 'economy', score: 0.8 },
          { label: 'sport', score: 0.5 },
          { label: 'weather', score: 0.9 },
          { label: 'security', score: 0.2 },
        ],
        stance: { algeria: { label: 'maybe', score: 0.6, scores: {} } },
      },
      { ...CODEBOOK, multiLabel: true },
      'm',
    );
    expect(s.topics.map((t) => t.key)).toEqual(['economy', 'sport']);
    expect(s.stance).toEqual({});
  });
});
