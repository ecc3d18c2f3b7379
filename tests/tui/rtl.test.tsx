// Right-to-left in the labeling screen, app mode: a known Arabic line comes out in visual order with
// the shaped (presentation-form) code points, right-aligned, through the same path the screen uses.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { ArticlePane } from '../../tui/components/ArticlePane.js';
import { evidenceSpans } from '../../tui/view/evidence.js';
import { bodyLines, inline, titleLines } from '../../tui/view/layout.js';

// "في الجزائر عام 2024", hand-derived: words in reverse order, digits left to right, each letter in
// its joining form (ف initial, ي final; ا isolated, ل initial, ج medial, ز final, ا isolated,
// ئ initial, ر final; ع initial, ا final, م isolated).
const LOGICAL = 'في الجزائر عام 2024';
const VISUAL = '2024 \uFEE1\uFE8E\uFECB \uFEAE\uFE8B\uFE8D\uFEB0\uFEA0\uFEDF\uFE8D \uFEF2\uFED3';

describe('RTL app mode in the labeling screen', () => {
  it('title: visual order, shaped, right-aligned', () => {
    const [line] = titleLines(LOGICAL, 40, 'app');
    expect(line).toBe(' '.repeat(40 - 19) + VISUAL);
    expect([...line!.trimStart()].map((c) => c.codePointAt(0)!.toString(16))).toEqual([
      '32',
      '30',
      '32',
      '34',
      '20',
      'fee1',
      'fe8e',
      'fecb',
      '20',
      'feae',
      'fe8b',
      'fe8d',
      'feb0',
      'fea0',
      'fedf',
      'fe8d',
      '20',
      'fef2',
      'fed3',
    ]);
  });

  it('terminal mode passes the logical text through', () => {
    expect(titleLines(LOGICAL, 40, 'terminal')).toEqual([LOGICAL]);
  });

  it('the article pane prints the golden line as the frame', () => {
    const lines = bodyLines(LOGICAL, [], 30, 'app');
    const app = render(<ArticlePane lines={lines} scroll={0} height={1} />);
    expect(app.lastFrame()).toBe(' '.repeat(30 - 19) + VISUAL);
    app.unmount();
  });

  it('evidence words are highlighted and the highlight follows the reordering', () => {
    expect(evidenceSpans(LOGICAL, [{ term: 'الجزاير', kind: 'word' }])).toEqual([{ text: 'في ' }, { text: 'الجزائر', highlight: true }, { text: ' عام 2024' }]);
    const [line] = bodyLines(LOGICAL, [{ term: 'الجزاير', kind: 'word' }], 40, 'app', evidenceSpans);
    const marked = line!
      .filter((s) => s.highlight)
      .map((s) => s.text)
      .join('');
    expect(marked).toBe('\uFEAE\uFE8B\uFE8D\uFEB0\uFEA0\uFEDF\uFE8D');
    // Without a model's highlighter (no model loaded) the text is plain.
    expect(bodyLines(LOGICAL, [{ term: 'الجزاير', kind: 'word' }], 40, 'app')[0]!.some((s) => s.highlight)).toBe(false);
  });

  it('one-line labels with Arabic (header, names, notes) are reordered in app mode only', () => {
    expect(inline('filter [/في الجزائر عام 2024]', 60, 'app')).toBe(`filter [/${VISUAL}]`);
    expect(inline('filter [/في الجزائر]', 60, 'terminal')).toBe('filter [/في الجزائر]');
    expect(inline('Mizan · amina', 60, 'app')).toBe('Mizan · amina');
  });
});
