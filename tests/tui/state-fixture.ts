import { EMPTY_LABEL } from '../../src/labels/edit.js';
import type { LabelValue } from '../../src/labels/edit.js';
import type { ArticleView } from '../../src/labels/session.js';
import { initialState } from '../../tui/state/init.js';
import type { CodebookView, State } from '../../tui/state/types.js';

export const CODEBOOK: CodebookView = {
  version: 1,
  multiLabel: true,
  topics: [
    { key: 'counter_terrorism', name: 'Counter-terrorism', hotkey: '1', guidelines: 'Tag when terrorism is a subject.' },
    { key: 'diplomacy', name: 'Regional diplomacy', hotkey: '2' },
    { key: 'sahel_security', name: 'Sahel security', hotkey: '3' },
  ],
  targets: [
    { key: 'algeria', name: 'Algeria', guidelines: 'Stance toward the Algerian state.' },
    { key: 'morocco', name: 'Morocco' },
  ],
  values: [
    { key: 'favor', name: 'Favor', hotkey: 'f' },
    { key: 'against', name: 'Against', hotkey: 'a' },
    { key: 'neutral', name: 'Neutral', hotkey: 'e' },
    { key: 'not_addressed', name: 'Not addressed', hotkey: 'x' },
  ],
};

export function article(id: string, body = 'تفكيك خلية إرهابية في الجزائر'): ArticleView {
  return { id, title: `عنوان ${id}`, source: 'الشروق', publishedAt: null, publishedText: null, dateline: null, author: null, body };
}

export function label(over: Partial<LabelValue> = {}): LabelValue {
  return { ...EMPTY_LABEL, topics: [], stance: {}, ...over };
}

export function fresh(over: Partial<State> = {}): State {
  return {
    ...initialState({ codebook: CODEBOOK, annotator: 'amina', queue: 'unlabeled', filter: null, rtl: { mode: 'app', reason: 'test' }, startedAt: 0 }),
    ...over,
  };
}
