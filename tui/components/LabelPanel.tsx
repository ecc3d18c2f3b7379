import { Box, Text } from 'ink';
import { shownStance } from '../state/reducer.js';
import type { Current, OtherChoice, State } from '../state/types.js';
import type { Chip } from '../view/layout.js';
import { fit, inline } from '../view/layout.js';

/** One annotator's choice in the keys of this screen: "amina: topics 1 3 · Algeria f · Morocco a". */
export function otherLine(o: OtherChoice, state: State): string {
  const { topics, targets, values } = state.codebook;
  const hot = (key: string) => topics.find((t) => t.key === key)?.hotkey || key;
  const parts = [o.topics === null ? 'topics not judged' : `topics ${o.topics.length === 0 ? 'none' : o.topics.map(hot).join(' ')}`];
  for (const t of targets) {
    const v = o.stance[t.key];
    if (v !== undefined) parts.push(`${t.name} ${values.find((x) => x.key === v)?.hotkey || v}`);
  }
  return `${o.annotator}: ${parts.join(' · ')}`;
}

/** Topic chips, then one line per stance target with its values; the focused target is marked. */
export function LabelPanel({ state, current, chips, width }: { state: State; current: Current; chips: Chip[][]; width: number }) {
  const { codebook } = state;
  const nameWidth = Math.min(28, Math.max(8, ...codebook.targets.map((t) => t.name.length)));
  return (
    <Box flexDirection="column">
      {chips.map((line, i) => (
        <Box key={`t${i}`}>
          {line.map((chip, j) => (
            <Text key={chip.key} color={chip.on ? (chip.suggested ? 'yellow' : 'green') : undefined} bold={chip.on}>
              {j > 0 ? '  ' : ''}
              {chip.text}
            </Text>
          ))}
        </Box>
      ))}
      {codebook.targets.map((t, i) => {
        const shown = shownStance(current, t.key);
        const focused = i === state.focus;
        return (
          <Box key={t.key}>
            <Text color={focused ? 'cyan' : undefined} bold={focused}>
              {focused ? '› ' : '  '}
              {inline(fit(t.name, nameWidth), nameWidth, state.rtl.mode).padEnd(nameWidth)}
            </Text>
            {codebook.values.map((v) => {
              const on = shown?.value === v.key;
              // A mark as well as colour, so the choice reads in monochrome terminals and screen captures.
              const mark = !on ? '' : shown?.suggested ? `~${shown.score?.toFixed(2) ?? ''}` : '✓';
              const text = ` [${v.hotkey}]${v.name}${mark}`;
              return (
                <Text key={v.key} inverse={on && !shown?.suggested} color={on ? (shown?.suggested ? 'yellow' : 'green') : undefined}>
                  {text}
                </Text>
              );
            })}
          </Box>
        );
      })}
      {current.others.map((o) => (
        <Text key={`o-${o.annotator}`} color="magenta" wrap="truncate-end">
          {inline(otherLine(o, state), width, state.rtl.mode)}
        </Text>
      ))}
      {current.label.note === null ? null : (
        <Text dimColor wrap="truncate-end">
          {inline(`note: ${current.label.note}`, width, state.rtl.mode)}
        </Text>
      )}
    </Box>
  );
}
