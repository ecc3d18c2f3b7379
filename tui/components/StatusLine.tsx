import { Text } from 'ink';
import { fit } from '../view/layout.js';

const KEYS = 'Enter confirm · s skip · u undo · [ ] prev/next · Tab target · n note · / search · g guide · t train · ? help · q quit';

export function StatusLine({ message, width }: { message: string | null; width: number }) {
  return (
    <Text inverse wrap="truncate-end">
      {fit(message === null ? KEYS : `${message} · ? help`, width).padEnd(width)}
    </Text>
  );
}
