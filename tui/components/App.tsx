import { nearCopiesNote } from '../view/near-copies.js';
import { useMemo } from 'react';
import { Box, Text, useInput } from 'ink';
import { useLabeling } from '../hooks/use-labeling.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { keyToAction, splitKeys } from '../state/keys.js';
import { shownTopics } from '../state/selectors.js';
import type { RunnerDeps } from '../runner.js';
import type { State } from '../state/types.js';
import { bodyLines, fit, titleLines, topicChipLines } from '../view/layout.js';
import { renderParagraph } from '../../src/display/render.js';
import { ArticlePane } from './ArticlePane.js';
import { Header } from './Header.js';
import { LabelPanel } from './LabelPanel.js';
import { GuidelinesOverlay, HelpOverlay, InputOverlay } from './Overlays.js';
import { StatusLine } from './StatusLine.js';

export interface AppProps {
  initial: State;
  deps: RunnerDeps;
  /** Clock for the session rate and confirmations (tests pass a fixed one). */
  now?: () => number;
  /** Called after every frame-producing dispatch (the benchmark measures keypress → frame). */
  onAction?: (state: State) => void;
}

const EMPTY_EVIDENCE: never[] = [];

/** Where this label stands, on the line under the article. */
function labelStatus(label: { confirmedAt: string | null; skipped: boolean }): string {
  if (label.confirmedAt !== null) return `─ confirmed ${label.confirmedAt.slice(0, 16).replace('T', ' ')} `;
  return label.skipped ? '─ skipped ' : '─ draft ';
}

export function App({ initial, deps, now = Date.now }: AppProps) {
  const { state, dispatch, stateRef, runner } = useLabeling(initial, deps);
  // Comes with the model, which may load after the first frame (the `model` action re-renders).
  const highlight = runner.highlight();
  const { columns, rows } = useTerminalSize();
  // One row spare: a frame as tall as the terminal makes Ink clear the whole screen on each update.
  const height = rows - 1;
  const width = columns;
  const mode = state.rtl.mode;
  const cur = state.current;

  // Keyed on the article's id: state.current is a new object after every keypress, its article is not.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const title = useMemo(() => (cur === null ? [] : titleLines(cur.article.title, width, mode)), [cur?.article.id, cur?.article.title, width, mode]);
  const meta = useMemo(() => {
    if (cur === null) return [];
    const a = cur.article;
    const parts = [a.source, a.publishedText ?? a.publishedAt?.slice(0, 10) ?? null, a.dateline, a.author].filter((p): p is string => p !== null && p !== '');
    // Near-copies lead the line, so a narrow terminal cuts the byline rather than them.
    const copies = nearCopiesNote(cur.nearCopies);
    return renderParagraph(fit([...(copies === null ? [] : [copies]), ...parts].join(' · '), width), width, mode).slice(0, 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the article's id, as above
  }, [cur?.article.id, cur?.nearCopies.copies, cur?.nearCopies.unlabeled, width, mode]);
  const evidence = cur?.suggestion?.evidence ?? EMPTY_EVIDENCE;
  const lines = useMemo(
    () => (cur === null ? [] : bodyLines(cur.article.body, evidence, width, mode, highlight)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the article's id, as above
    [cur?.article.id, cur?.article.body, evidence, width, mode, highlight],
  );
  const chips = useMemo(() => {
    if (cur === null) return [];
    const scores = new Map((cur.suggestion?.topics ?? []).map((t) => [t.key, t.score] as const));
    return topicChipLines(state.codebook, cur.label.topics, shownTopics(cur), scores, width, mode);
  }, [cur, state.codebook, width, mode]);

  const panelHeight = cur === null ? 0 : chips.length + state.codebook.targets.length + cur.others.length + (cur.label.note === null ? 0 : 1);
  const fixed = 2 + (title.length + meta.length + 1) + panelHeight + 1 + 1;
  const bodyHeight = Math.max(1, height - fixed);
  const maxScroll = Math.max(0, lines.length - bodyHeight);

  const view = { page: Math.max(1, bodyHeight - 1), maxScroll, now: () => new Date(now()).toISOString() };
  useInput((input, key) => {
    for (const [chunk, k] of splitKeys(input, key, stateRef.current.overlay !== null)) {
      const action = keyToAction(stateRef.current, chunk, k, view);
      if (action !== null) dispatch(action);
    }
  });

  let main;
  const overlay = state.overlay;
  const mainHeight = bodyHeight + title.length + meta.length + 1 + panelHeight + 1;
  if (overlay?.kind === 'help') main = <HelpOverlay width={width} height={mainHeight} />;
  else if (overlay?.kind === 'guidelines') main = <GuidelinesOverlay state={state} width={width} height={mainHeight} mode={mode} />;
  else if (overlay?.kind === 'note') main = <InputOverlay title="Note" action="saves" text={overlay.text} width={width} height={mainHeight} mode={mode} />;
  else if (overlay?.kind === 'search')
    main = <InputOverlay title="Search: articles containing" action="searches" text={overlay.text} width={width} height={mainHeight} mode={mode} />;
  else if (cur === null) {
    const text = state.loading
      ? 'loading…'
      : state.empty
        ? `Nothing to label in queue "${state.queue}"${state.filter === null ? '' : ` with filter "${state.filter}"`}. [ goes back, / searches, q quits.`
        : '';
    main = (
      <Box height={mainHeight}>
        <Text>{text}</Text>
      </Box>
    );
  } else {
    main = (
      <Box flexDirection="column">
        {title.map((l, i) => (
          <Text key={`h${i}`} bold wrap="truncate-end">
            {l}
          </Text>
        ))}
        {meta.map((l, i) => (
          <Text key={`m${i}`} dimColor wrap="truncate-end">
            {l}
          </Text>
        ))}
        <Text dimColor>{'─'.repeat(width)}</Text>
        <ArticlePane lines={lines} scroll={Math.min(state.scroll, maxScroll)} height={bodyHeight} />
        <Text dimColor>
          {`─ ${Math.min(state.scroll + bodyHeight, lines.length)}/${lines.length} lines ${labelStatus(cur.label)}${'─'.repeat(width)}`.slice(0, width)}
        </Text>
        <LabelPanel state={state} current={cur} chips={chips} width={width} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Header state={state} width={width} now={now()} />
      {main}
      <StatusLine message={state.message} width={width} />
    </Box>
  );
}
