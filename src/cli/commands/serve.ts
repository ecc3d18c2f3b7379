import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { integerFlag } from '../flags.js';
import { MizanError } from '../../errors.js';
import { note, print } from '../context.js';
import type { CommandContext } from '../context.js';
import { openDatabase } from '../../db/open.js';
import type { Database } from '../../db/open.js';

interface ServeFlags {
  host: string;
  port: string;
  model?: string;
  bodyLimit?: string;
  batchLimit?: string;
  workers: string;
}

/** A worker of `--workers N` could not start; it already said why on stderr. */
class ServeFailedError extends MizanError {
  override readonly name = 'ServeFailedError' as const;
  readonly code = 'serve_failed';
  constructor() {
    super('a server worker could not start (see above)');
  }
}

export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('serve the current model over HTTP (JSON API under /v1, OpenAPI document at /openapi.json)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8787')
    .option('--model <dir>', 'serve this model directory (default: follow <models>/latest, swapping when `mizan train` moves it)')
    .option('--body-limit <bytes>', 'largest request body', String(1 << 20))
    .option('--batch-limit <n>', 'largest number of items in /v1/classify/batch and /v1/articles', '256')
    .option('--workers <n>', 'server processes sharing the port: a number, or auto for one per core (at most 8)', 'auto')
    .addHelpText(
      'after',
      `
Set MIZAN_API_TOKEN to require \`Authorization: Bearer <token>\` on every /v1 route except /v1/health.
Request logs are JSON lines on stderr. SIGTERM or SIGINT stops accepting, finishes in-flight
requests, then exits.

Examples:
  mizan serve
  MIZAN_API_TOKEN=s3cret mizan serve --host 0.0.0.0 --port 8080
  mizan serve --workers 1
  curl -s localhost:8787/v1/classify -H 'content-type: application/json' -d '{"text":"..."}'`,
    )
    .action(async (flags: ServeFlags) => {
      const config = ctx.config();
      const port = integerFlag('--port', flags.port, 0, 65535);
      const bodyLimit = integerFlag('--body-limit', flags.bodyLimit ?? String(1 << 20), 1, 1 << 30);
      const batchLimit = integerFlag('--batch-limit', flags.batchLimit ?? '256', 1, 100_000);
      // One process per core by default: classification is CPU-bound and a process uses one core.
      const workers = flags.workers === 'auto' ? Math.min(8, availableParallelism()) : integerFlag('--workers', flags.workers, 1, 64, 'auto or ');
      const token = config.apiToken;
      // Heavy engines (hono, the model code) load only when the server actually starts.
      const [{ createApp }, { watchModels }, { closeOnSignals, serve }, { jsonLines }, cluster] = await Promise.all([
        import('../../server/app.js'),
        import('../../server/model-source.js'),
        import('../../server/serve.js'),
        import('../../server/request-log.js'),
        import('../../server/cluster.js'),
      ]);
      const log = jsonLines(ctx.io.stderr);
      if (workers > 1 && !cluster.isWorker()) {
        // Migrate once here, before any worker exists; the workers then open the database without
        // checking migrations again, so N processes never race to apply the same migration.
        await (await ctx.openDb({ mustExist: true })).close();
        const code = await cluster.runCluster({
          workers,
          log,
          onListening: (url) => print(ctx.io, `mizan serve: listening on ${url} with ${workers} workers${token ? ' (bearer token required)' : ''}`),
        });
        if (code !== 0) throw new ServeFailedError();
        log({ level: 'info', message: 'stopped' });
        return;
      }
      const worker = cluster.isWorker();
      try {
        await runServer();
      } finally {
        // A worker keeps its IPC channel open until told otherwise, even after a failure.
        if (worker) cluster.leaveCluster();
      }

      async function runServer(): Promise<void> {
        const db = worker
          ? await openDatabase(config.dbUrl, { cwd: config.cwd, migrate: false, busyTimeoutMs: config.busyTimeoutMs })
          : await ctx.openDb({ mustExist: true });
        try {
          await serveWith(db);
        } finally {
          if (worker) await db.close();
        }
      }

      async function serveWith(db: Database): Promise<void> {
        const models = await watchModels({
          modelsDir: config.modelsDir,
          ...(flags.model === undefined ? {} : { modelDir: resolve(config.cwd, flags.model) }),
          onSwap: (from, to) => log({ level: 'info', message: from === null ? `model loaded from ${to}` : `model swapped from ${from} to ${to}` }),
          onError: (message) => log({ level: 'error', message }),
        });
        if (models.current() === null && !worker) note(ctx.io, `warning: ${models.problem() ?? 'no model'}; /v1/classify answers 503 until one is trained`);
        const app = createApp({ models, db, token, bodyLimit, batchLimit, log, modelsDir: config.modelsDir });
        const server = await serve({ fetch: app.fetch, host: flags.host, port, log });
        const unhook = closeOnSignals(server, log);
        if (worker) cluster.reportListening(server.url);
        else print(ctx.io, `mizan serve: listening on ${server.url}${token ? ' (bearer token required)' : ''}`);
        await server.closed;
        unhook();
        models.close();
        if (!worker) log({ level: 'info', message: 'stopped' });
      }
    });
}
