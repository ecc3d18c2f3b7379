// `mizan serve --workers N`: N processes share the listening socket (node:cluster), so classification
// uses every core. Each worker is a complete server (its own model watcher, database handle and
// graceful shutdown); the primary only starts them, reports the address once, relays SIGTERM/SIGINT
// and restarts a worker that dies after it had started serving.
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import type { LogSink } from './request-log.js';

interface ListeningMessage {
  mizan: 'listening';
  url: string;
}

const isListening = (m: unknown): m is ListeningMessage => typeof m === 'object' && m !== null && (m as { mizan?: unknown }).mizan === 'listening';

export const isWorker = (): boolean => cluster.isWorker;

/** In a worker: tell the primary the server is up (instead of printing it N times). */
export function reportListening(url: string): void {
  process.send?.({ mizan: 'listening', url } satisfies ListeningMessage);
}

/** In a worker, once the server has stopped: drop the IPC channel so the process can exit. */
export function leaveCluster(): void {
  if (cluster.isWorker) process.disconnect?.();
}

export interface ClusterOptions {
  workers: number;
  log: LogSink;
  onListening(url: string): void;
}

/**
 * Runs the primary: forks `workers` copies of this command line and resolves with the exit code
 * once all of them have stopped (0 after a signal, 1 when a worker could not start).
 */
export function runCluster(opts: ClusterOptions): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let failed = false;
    let announced = false;
    const serving = new Set<Worker>();
    const fork = () => {
      const worker = cluster.fork();
      worker.on('message', (m: unknown) => {
        if (!isListening(m)) return;
        serving.add(worker);
        if (!announced && serving.size === opts.workers) {
          announced = true;
          opts.onListening(m.url);
        }
      });
      worker.on('exit', (code, signal) => {
        const wasServing = serving.delete(worker);
        if (!stopping && wasServing) {
          opts.log({ level: 'error', message: `worker ${worker.process.pid} died (${signal ?? `exit ${code}`}); starting another` });
          fork();
          return;
        }
        if (!stopping) {
          // A worker that never got to serve (port taken, bad database URL…) said why on stderr.
          failed = true;
          stop();
        }
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
          resolve(failed ? 1 : 0);
        }
      });
    };
    const stop = () => {
      if (stopping) return;
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    };
    const onSignal = (signal: NodeJS.Signals) => {
      opts.log({ level: 'info', message: `${signal}: stopping ${opts.workers} workers` });
      stop();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    for (let i = 0; i < opts.workers; i++) fork();
  });
}
