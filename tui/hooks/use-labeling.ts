import { useCallback, useEffect, useRef, useState } from 'react';
import { step } from '../state/reducer.js';
import { createRunner } from '../runner.js';
import type { Runner, RunnerDeps } from '../runner.js';
import type { Action, State } from '../state/types.js';

/**
 * The labeling state and its dispatch. The reducer runs synchronously on each key, so the next frame
 * shows the change at once; effects go to the runner, whose results come back as actions.
 */
export function useLabeling(
  initial: State,
  deps: RunnerDeps,
): { state: State; stateRef: { readonly current: State }; dispatch: (a: Action) => void; runner: Runner } {
  const [state, setState] = useState(initial);
  const ref = useRef(initial);
  const runnerRef = useRef<Runner | null>(null);
  const dispatch = useCallback((action: Action) => {
    const r = step(ref.current, action);
    ref.current = r.state;
    setState(r.state);
    runnerRef.current?.run(r.effects);
  }, []);
  runnerRef.current ??= createRunner(deps, dispatch);
  useEffect(() => {
    const runner = runnerRef.current!;
    // The first article may come with the initial state (fetched before the first frame; see
    // firstArticle), or the queue may already be known empty; otherwise it is fetched now.
    if (initial.current !== null) runner.shown(initial.current.article.id, initial.filter);
    else if (!initial.empty) runner.run([{ type: 'next', after: null, exclude: [], filter: initial.filter }]);
    runner.run([{ type: 'counts', filter: initial.filter }]);
    // No model at all and retraining on: the header says how many labels the first one needs.
    if (initial.model === 'none' && initial.training.every > 0) runner.run([{ type: 'checkLabels' }]);
    // Only on mount: the first article and the first counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return { state, stateRef: ref, dispatch, runner: runnerRef.current };
}
