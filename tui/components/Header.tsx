import { Box, Text } from 'ink';
import type { State } from '../state/types.js';
import { inline } from '../view/layout.js';

/** The model in a few words: version, labels, validation macro-F1 per head, "training…" while one runs. */
export function modelText(state: State): string {
  const t = state.training;
  // "training…" before the model's figures: a narrow terminal cuts the line's end, not the news.
  const running = t.running ? ' · training…' : '';
  if (t.info !== null) {
    const f1 = Object.entries(t.info.f1).map(([head, v]) => `${head.replace(/^stance:/, '')} ${Math.round(v * 100)}`);
    return `${running} · model ${t.info.id} (${t.info.labels} labels${f1.length === 0 ? '' : ` · F1 ${f1.join(' ')}`})`;
  }
  if (state.current?.suggestion) return `${running} · model ${state.current.suggestion.model}`;
  if (t.running) return ' · model training…';
  if (state.model === 'loading') return ' · model loading…';
  if (state.model === 'none' && t.every > 0 && t.missing !== null && t.missing > 0)
    return ` · no model yet: ${t.missing} more label${t.missing === 1 ? '' : 's'} needed`;
  return '';
}

/** Who, which queue, progress, session rate and the last learning-curve verdict (the first line). */
export function progressText(state: State, now: number): string {
  const c = state.counts;
  const minutes = Math.max((now - state.startedAt) / 60_000, 1 / 60);
  const rate = state.sessionDone === 0 ? '' : ` (${(state.sessionDone / minutes).toFixed(1)}/min)`;
  const progress = c === null ? 'counting…' : `${c.labeled}/${c.total} labeled${c.remaining === null ? '' : ` · ${c.remaining} in queue`}`;
  // The first line has room where the second (RTL mode, model) is often full.
  const curve = state.curve === null ? '' : ` · ${state.curve}`;
  return `Mizan · ${state.annotator} · queue ${state.queue}${state.filter === null ? '' : ` [/${state.filter}]`} · ${progress} · session ${state.sessionDone}${rate}${curve}`;
}

/** Who, which queue, progress, session rate, RTL mode, save state. Two lines. */
export function Header({ state, width, now }: { state: State; width: number; now: number }) {
  const line1 = progressText(state, now);
  const save = state.saveError !== null ? `NOT SAVED: ${state.saveError}` : state.pendingWrites > 0 ? 'saving…' : 'saved ✓';
  const line2 = `RTL ${state.rtl.mode} (${state.rtl.reason}) · codebook v${state.codebook.version}${modelText(state)}`;
  const saveWidth = save.length + 1;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate-end">
        {inline(line1, width, state.rtl.mode)}
      </Text>
      <Box>
        <Text dimColor wrap="truncate-end">
          {inline(line2, Math.max(1, width - saveWidth - 1), state.rtl.mode)}{' '}
        </Text>
        <Text color={state.saveError !== null ? 'red' : state.pendingWrites > 0 ? 'yellow' : 'green'}>{save}</Text>
      </Box>
    </Box>
  );
}
