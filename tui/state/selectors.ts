// What the screen shows of the state: the annotator's label, or the model's pre-selection where the
// annotator has not decided.
import type { Current, State } from './types.js';

/** Topics as shown: the annotator's, or the model's pre-selection while the annotator has not touched them. */
export function shownTopics(cur: Current): string[] {
  const own = cur.label.topics;
  if (cur.suggestion === null || cur.topicsTouched || cur.label.confirmedAt !== null) return own;
  return [...new Set([...own, ...cur.suggestion.topics.map((t) => t.key)])].sort();
}

/** The stance value shown for a target and whether it is only the model's suggestion. */
export function shownStance(cur: Current, target: string): { value: string; suggested: boolean; score?: number } | null {
  const own = cur.label.stance[target];
  if (own !== undefined) return { value: own, suggested: false };
  const s = cur.suggestion?.stance[target];
  if (s === undefined || cur.label.confirmedAt !== null) return null;
  return { value: s.value, suggested: true, score: s.score };
}

export function focusedTarget(state: State): string | null {
  return state.codebook.targets[state.focus]?.key ?? null;
}
