// Short lines inside the article's container that introduce something other than the article:
// "اقرأ أيضا" before a link to another story, "الوسوم:" before a tag list, "Read more". The scoring
// keeps every block of the chosen container, and these sit in it as plain text (the link list after
// them is dropped for its link density, or was pruned as a "related" box). Like jusText's context
// pass, a short block is judged by what follows it: when the next block of paragraph length is a
// link list, the short one was its caption. A caption whose list was pruned is recognized by its
// words: the few phrases news sites use for it, alone on the line.
import type { TextBlock } from './main-content.js';

/** Shorter than this, a block is a line that needs its context to tell what it is. */
export const SHORT_BLOCK = 25;

// Alone on their line, with an optional colon or dash: hamza and alif variants, tanwin written or not.
const CAPTIONS = new RegExp(
  `^(?:${[
    '[اإ]قرأ (?:أيضا|أيضاً|ايضا|كذلك)',
    'شاهد (?:أيضا|أيضاً|ايضا)',
    'مواضيع ذات صلة',
    'أخبار ذات صلة',
    'اخبار ذات صلة',
    'ذات صلة',
    'الوسوم',
    'وسوم',
    'كلمات مفتاحية',
    'الكلمات المفتاحية',
    'read (?:also|more)',
    'see also',
    'related(?: articles| stories| posts)?',
    'tags',
  ].join('|')})\\s*[:：\\-–—]?$`,
  'i',
);

const linkList = (b: TextBlock) => b.linkChars / b.text.length > 0.5;

/** Indices of `blocks` (in document order) that are captions of something other than the article. */
export function captionBlocks(blocks: readonly TextBlock[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.text.length >= SHORT_BLOCK || linkList(b)) continue;
    if (CAPTIONS.test(b.text.trim())) {
      out.add(i);
      continue;
    }
    // The next block that is not itself a short line decides.
    let j = i + 1;
    while (j < blocks.length && blocks[j]!.text.length < SHORT_BLOCK && !linkList(blocks[j]!)) j++;
    if (j < blocks.length && linkList(blocks[j]!)) for (let k = i; k < j; k++) out.add(k);
  }
  return out;
}
