// Pure layout for the labeling screen: article lines (RTL through src/display, evidence highlighted
// by tui/view/evidence.ts when a model gave some), topic chips packed into lines. Components only
// map these to Ink elements.
import { renderParagraph, renderTextSpans } from '../../src/display/render.js';
import type { RtlMode, Span, StyledLine } from '../../src/display/render.js';
import { displayWidth } from '../../src/display/width.js';
import type { FeatureKind } from '../../src/text/types.js';
import type { CodebookView } from '../state/types.js';

/** Marks the words of a text that match evidence terms (tui/view/evidence.ts, loaded with a model). */
export type Highlighter = (text: string, evidence: readonly { term: string; kind: FeatureKind }[]) => Span[];

export function bodyLines(
  body: string,
  evidence: readonly { term: string; kind: FeatureKind }[],
  width: number,
  mode: RtlMode,
  highlight?: Highlighter,
): StyledLine[] {
  return renderTextSpans(evidence.length === 0 || highlight === undefined ? [{ text: body }] : highlight(body, evidence), width, mode);
}

export function titleLines(title: string, width: number, mode: RtlMode): string[] {
  return renderParagraph(title.replace(/\s+/g, ' ').trim(), width, mode);
}

export interface Chip {
  key: string;
  text: string;
  on: boolean;
  /** Pre-selected by the model, not by the annotator. */
  suggested: boolean;
}

/** Topic chips ("1 ■ Counter-terrorism") packed into lines of at most `width` cells. */
export function topicChipLines(
  codebook: CodebookView,
  own: readonly string[],
  shown: readonly string[],
  scores: ReadonlyMap<string, number>,
  width: number,
  mode: RtlMode = 'terminal',
): Chip[][] {
  const lines: Chip[][] = [[]];
  let used = 0;
  for (const t of codebook.topics) {
    const on = shown.includes(t.key);
    const suggested = on && !own.includes(t.key);
    const score = scores.get(t.key);
    const text = inline(
      `${t.hotkey === '' ? '·' : t.hotkey} ${on ? '■' : '□'} ${t.name}${suggested && score !== undefined ? ` ~${score.toFixed(2)}` : ''}`,
      width,
      mode,
    );
    const w = Math.min(displayWidth(text), width);
    if (used > 0 && used + 2 + w > width) {
      lines.push([]);
      used = 0;
    }
    lines[lines.length - 1]!.push({ key: t.key, text, on, suggested });
    used += (used > 0 ? 2 : 0) + w;
  }
  return lines;
}

const STRONG_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

/**
 * A one-line label (header, topic or target name, note) in display order: in app mode, text with
 * Arabic or Hebrew goes through the same reordering and shaping as the article; otherwise as is.
 */
export function inline(text: string, width: number, mode: RtlMode): string {
  if (mode !== 'app' || !STRONG_RTL.test(text)) return fit(text, width);
  return renderParagraph(fit(text, width), width, mode)[0]?.trimEnd() ?? '';
}

/** Fits `text` into `width` cells, cutting at the end with an ellipsis. */
export function fit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
