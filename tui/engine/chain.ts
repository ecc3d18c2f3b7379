// The database chain: jobs run one at a time, in the order they were queued (the order the keys
// were pressed), so "saved" on screen means committed, an undo sees every earlier write and the
// next article is chosen after the confirmation is in. A job's failure goes to `onError` (an action
// on screen) and the chain goes on.
export interface Chain {
  enqueue(job: () => Promise<void>): void;
  /** Resolves when every job queued so far (and any they queued) is done. */
  settled(): Promise<void>;
  /** The current tail, to tell whether more was queued meanwhile. */
  tail(): Promise<void>;
}

export function createChain(onError: (e: unknown) => void): Chain {
  let chain: Promise<void> = Promise.resolve();
  return {
    enqueue(job) {
      chain = chain.then(() => job().catch(onError));
    },
    async settled() {
      for (;;) {
        const c = chain;
        await c;
        if (c === chain) return;
      }
    },
    tail: () => chain,
  };
}
