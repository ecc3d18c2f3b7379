import { MizanError } from '../../../errors.js';

/** A raw page in which no article can be found (empty, binary, or nothing that reads as title and body). */
export class PageParseError extends MizanError {
  override readonly name = 'PageParseError' as const;
  readonly code = 'page_unreadable';
  constructor(readonly problem: string) {
    super(problem);
  }
}

export function isPageParseError(e: unknown): e is PageParseError {
  return e instanceof PageParseError;
}
