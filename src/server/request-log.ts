import type { MiddlewareHandler } from 'hono';

export type LogRecord = Record<string, unknown> & { level: 'info' | 'warn' | 'error'; message?: string };
export type LogSink = (record: LogRecord) => void;

/** One JSON line to stderr per record; `pid` tells the processes of `serve --workers` apart. */
export function jsonLines(stream: NodeJS.WritableStream = process.stderr): LogSink {
  const pid = process.pid;
  return (record) => stream.write(`${JSON.stringify({ time: new Date().toISOString(), pid, ...record })}\n`);
}

/** A structured line per request: id, method, path, status, duration. */
export function requestLog(log: LogSink): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log({
      level: c.res.status >= 500 ? 'error' : 'info',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 100) / 100,
    });
  };
}
