import { Box, Text } from 'ink';
import type { RtlMode } from '../../src/display/mode.js';
import { renderText } from '../../src/display/render.js';
import { focusedTarget } from '../state/selectors.js';
import { KEY_HELP } from '../state/keys.js';
import type { State } from '../state/types.js';
import { fit } from '../view/layout.js';

function Lines({ lines, height }: { lines: string[]; height: number }) {
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(0, height).map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {l === '' ? ' ' : l}
        </Text>
      ))}
    </Box>
  );
}

export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const keyWidth = Math.max(...KEY_HELP.map(([k]) => k.length));
  const lines = ['Keys (any key closes this help)', '', ...KEY_HELP.map(([k, what]) => fit(`${k.padEnd(keyWidth)}  ${what}`, width))];
  return <Lines lines={lines} height={height} />;
}

/** Guidelines of the focused stance target and of every topic, from the codebook. */
export function GuidelinesOverlay({ state, width, height, mode }: { state: State; width: number; height: number; mode: RtlMode }) {
  const target = state.codebook.targets.find((t) => t.key === focusedTarget(state));
  const parts: string[] = [];
  if (target !== undefined) parts.push(`Stance toward ${target.name}: ${target.guidelines ?? target.description ?? '(no guidelines)'}`);
  for (const v of state.codebook.values) if (v.description !== undefined) parts.push(`[${v.hotkey}] ${v.name}: ${v.description}`);
  for (const t of state.codebook.topics) parts.push(`${t.hotkey} ${t.name}: ${t.guidelines ?? t.description ?? ''}`);
  const lines = ['Guidelines (any key closes)', '', ...renderText(parts.join('\n'), width, mode)];
  return <Lines lines={lines} height={height} />;
}

export function InputOverlay({
  title,
  action,
  text,
  width,
  height,
  mode,
}: {
  title: string;
  action: string;
  text: string;
  width: number;
  height: number;
  mode: RtlMode;
}) {
  const shown = renderText(`${text}▏`, width, mode);
  return <Lines lines={[`${title} (Enter ${action}, Esc cancels)`, '', ...shown]} height={height} />;
}
