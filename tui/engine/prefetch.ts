// While the annotator reads an article, the next one of the queue is fetched (on the chain), so
// Enter shows it without waiting for the confirmation to commit or for the queue query.
import type { Loaded } from './articles.js';

interface Ready {
  after: string;
  filter: string | null;
  action: Loaded | null;
}

export interface Prefetch {
  /** Forgets what was fetched (an undo, a new start). */
  clear(): void;
  /** A change to this article makes a fetched copy of it stale. */
  invalidate(articleId: string): void;
  /** Stores the article fetched to follow `after` under `filter`. */
  put(ready: Ready): void;
  /** The article fetched to follow `after` under `filter`, taken out; null when none matches. */
  take(after: string | null, filter: string | null): Loaded | null;
}

export function createPrefetch(): Prefetch {
  let ready: Ready | null = null;
  return {
    clear() {
      ready = null;
    },
    invalidate(articleId) {
      if (ready?.action?.article.id === articleId) ready = null;
    },
    put(r) {
      ready = r;
    },
    take(after, filter) {
      const r = ready;
      if (r === null || after === null || r.after !== after || r.filter !== filter || r.action === null) return null;
      ready = null;
      return r.action;
    },
  };
}
