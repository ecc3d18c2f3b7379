// The article's near-copy group as the meta line names it.
/** "3 near-copies (2 unlabeled: c)" — the key c confirms and labels the unlabeled ones too. */
export function nearCopiesNote(n: { copies: number; unlabeled: number }): string | null {
  if (n.copies === 0) return null;
  const noun = n.copies === 1 ? 'near-copy' : 'near-copies';
  return n.unlabeled === 0 ? `${n.copies} ${noun}` : `${n.copies} ${noun} (${n.unlabeled} unlabeled: c)`;
}
