import { memo } from 'react';
import { Box, Text } from 'ink';
import type { StyledLine } from '../../src/display/render.js';

/** The visible slice of the article's lines; highlighted evidence in yellow. */
export const ArticlePane = memo(function ArticlePane({ lines, scroll, height }: { lines: StyledLine[]; scroll: number; height: number }) {
  const visible = lines.slice(scroll, scroll + height);
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0
            ? ' '
            : line.map((seg, j) =>
                seg.highlight ? (
                  <Text key={j} backgroundColor="yellow" color="black">
                    {seg.text}
                  </Text>
                ) : (
                  seg.text
                ),
              )}
        </Text>
      ))}
    </Box>
  );
});
