// What the app is built from and what its handlers see: shared by app.ts and the routes, so a
// route never imports the app.
import type { Database } from '../db/open.js';
import type { ModelSource } from './model-source.js';
import type { LogSink } from './request-log.js';

export interface AppDeps {
  models: ModelSource;
  db: Database | null;
  /** When set, every /v1 route except health needs `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Largest request body in bytes (default 1 MB). */
  bodyLimit?: number | undefined;
  /** Largest batch (items per /v1/classify/batch, articles per /v1/articles). */
  batchLimit?: number | undefined;
  log?: LogSink | undefined;
  /** The models directory: GET /v1/report?model=<version> loads versions from it. */
  modelsDir?: string | undefined;
}

export type AppEnv = { Variables: { requestId: string } };
