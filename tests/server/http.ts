// Small helpers for talking to the app the way a client does.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { expect } from 'vitest';
import type { AppEnv } from '../../src/server/types.js';

export type App = OpenAPIHono<AppEnv>;

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON from the wire (null when the body is not JSON). */
  body: any;
  text: string;
}

export async function call(
  app: App,
  method: string,
  path: string,
  init: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(init.json === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers };
  const body = init.json === undefined ? init.body : JSON.stringify(init.json);
  const res = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** Every error is `{ error: { code, message } }` with nothing from inside the server in it. */
export function expectError(a: Answer, status: number, code: string, message?: RegExp): void {
  expect({ status: a.status, code: a.body?.error?.code }).toEqual({ status, code });
  expect(Object.keys(a.body)).toEqual(['error']);
  expect(typeof a.body.error.message).toBe('string');
  if (message !== undefined) expect(a.body.error.message).toMatch(message);
  expectNothingInternal(a.text);
}

/** No stack frame, source file or absolute path. */
export function expectNothingInternal(text: string): void {
  expect(text).not.toMatch(/\bat .+:\d+:\d+|\.[cm]?[tj]s\b|\/(tmp|work|home|root|usr|var)\/|node_modules/);
}
