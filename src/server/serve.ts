// Binding only: createApp builds the app (tests call app.request()), serve() puts it on a socket and
// shuts it down gracefully — stop accepting, let in-flight requests finish, then close.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve as bind } from '@hono/node-server';
import { ListenError } from './errors.js';
import type { LogSink } from './request-log.js';

export interface ServeOptions {
  fetch: (request: Request) => Response | Promise<Response>;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  log?: LogSink | undefined;
  /** After this long, connections still open at shutdown are cut (default 10 s). */
  drainMs?: number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  /** Stops accepting and resolves once in-flight requests are answered (idempotent). */
  close(): Promise<void>;
  /** Resolves when the server has closed, whoever closed it. */
  closed: Promise<void>;
}

export async function serve(opts: ServeOptions): Promise<RunningServer> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = bind({ fetch: opts.fetch, hostname: opts.host, port: opts.port }, () => resolve(s)) as Server;
    s.once('error', (e: NodeJS.ErrnoException) => {
      const reason =
        e.code === 'EADDRINUSE'
          ? 'the port is in use'
          : e.code === 'EADDRNOTAVAIL'
            ? 'the address is not on this machine'
            : e.code === 'EACCES'
              ? 'permission denied'
              : e.message;
      reject(new ListenError(opts.host, opts.port, reason));
    });
  });
  // Keep-alive clients (load balancers, benchmarks) must not hold a shutdown open forever.
  server.keepAliveTimeout = 5_000;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  server.once('close', () => markClosed());

  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      // server.close() stops accepting and waits for every open connection. Idle keep-alive sockets
      // are closed now; a busy one becomes idle once its response is out, and Node does not close
      // it then by itself, so sweep idle sockets until the last one is gone.
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
      const force = setTimeout(() => {
        opts.log?.({ level: 'warn', message: 'shutdown: cutting connections still open after the drain period' });
        server.closeAllConnections();
      }, opts.drainMs ?? 10_000);
      force.unref();
    });
    return closing;
  }

  return { url: `http://${host}:${address.port}`, port: address.port, close, closed };
}

/**
 * Closes the server on SIGTERM / SIGINT, logging it; returns a function that unhooks. The handler
 * stays installed until then, so a second signal (Ctrl-C reaches every process of a cluster, and
 * the primary relays it too) does not kill the process mid-drain.
 */
export function closeOnSignals(server: RunningServer, log?: LogSink, signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): () => void {
  let told = false;
  const handler = (signal: NodeJS.Signals) => {
    if (!told) log?.({ level: 'info', message: `${signal}: finishing in-flight requests, then stopping` });
    told = true;
    void server.close();
  };
  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
