// A worker thread on one of Mizan's own modules, wherever the code runs from. From the compiled
// bundle (dist/) the .js entry exists and starts directly. From the TypeScript sources (tsx,
// vitest) only the .ts sibling does, so the thread first registers tsx's loader: hooks registered
// in the starting thread do not reach worker threads on Node 20.
// Callers write `startThread(new URL('./x.js', import.meta.url), …)`: scripts/build.mjs finds the
// worker entries by that pattern.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export function startThread(entry: URL, workerData: unknown): Worker {
  if (existsSync(fileURLToPath(entry))) {
    // The thread inherits Node's flags, except one that only applies to a main script given as
    // text. Only then is the list given: an explicit list may not hold V8's flags
    // (--max-old-space-size, --trace-gc…), which the inherited default carries without complaint.
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    return new Worker(entry, { workerData, ...(execArgv.length === process.execArgv.length ? {} : { execArgv }) });
  }
  // require.resolve finds the API's CommonJS build; its ES module sits next to it.
  const api = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const source = new URL(entry.href.replace(/\.js$/, '.ts')).href;
  const boot = `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
