import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { watchModels } from '../../src/server/model-source.js';
import { serve } from '../../src/server/serve.js';
import { isListenError } from '../../src/server/errors.js';
import { runCli } from '../helpers/cli.js';
import { tempDb, tempDir } from '../helpers/temp.js';

const BIN = new URL('../../bin/mizan.js', import.meta.url).pathname;

describe('serve() on loopback', () => {
  it('answers over real HTTP; close() lets an in-flight request finish and refuses new ones', async () => {
    const models = await watchModels({ modelsDir: tempDir() });
    const app = createApp({ models, db: null });
    const server = await serve({ fetch: app.fetch, host: '127.0.0.1', port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/v1/health`);
    expect(await health.json()).toEqual({ status: 'ok' });

    // A request whose body is still arriving when shutdown starts.
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${server.url}/v1/classify`,
        { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"text": "تعاون استخبارات ');
      // Let the server see the request start, then begin the shutdown, then finish the body.
      setTimeout(() => {
        const closing = server.close();
        setTimeout(() => {
          req.end('الجزائر والمغرب"}');
          void closing;
        }, 50);
      }, 50);
    });
    const done = await answer;
    expect(done.status).toBe(503);
    expect(JSON.parse(done.body).error.code).toBe('no_model');
    await server.close();
    await server.closed;
    await expect(fetch(`${server.url}/v1/health`)).rejects.toThrow();
    models.close();
  });

  it('a port in use is a one-line ListenError', async () => {
    const models = await watchModels({ modelsDir: tempDir() });
    const app = createApp({ models, db: null });
    const first = await serve({ fetch: app.fetch, host: '127.0.0.1', port: 0 });
    const error = await serve({ fetch: app.fetch, host: '127.0.0.1', port: first.port }).catch((e: unknown) => e);
    expect(isListenError(error)).toBe(true);
    expect((error as Error).message).toBe(`cannot listen on 127.0.0.1:${first.port}: the port is in use`);
    await first.close();
    models.close();
  });
});

describe('mizan serve (child process)', () => {
  it('listens, logs JSON lines with request ids, checks the token, and stops cleanly on SIGTERM', async () => {
    const db = await tempDb();
    await db.close();
    const models = join(tempDir(), 'models');
    const child = spawn(process.execPath, [BIN, '--db', db.url, '--models', models, 'serve', '--port', '0', '--workers', '1'], {
      env: { ...process.env, MIZAN_API_TOKEN: 'tok-123' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const m = /listening on (http:\/\/\S+)/.exec(line);
        if (m !== null) resolve(m[1]!);
      });
      void exited.then((code) => reject(new Error(`exited ${code}: ${stderr.join('\n')}`)));
    });
    try {
      expect((await fetch(`${url}/v1/health`)).status).toBe(200);
      expect((await fetch(`${url}/v1/model`)).status).toBe(401);
      const ready = await fetch(`${url}/v1/ready`, { headers: { authorization: 'Bearer tok-123' } });
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ model: false, database: true });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const records = stderr.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = records.filter((r) => r['path'] !== undefined);
    expect(requests.map((r) => `${r['status']} ${r['path']}`)).toEqual(['200 /v1/health', '401 /v1/model', '503 /v1/ready']);
    for (const r of requests) expect(r['requestId']).toMatch(/^[\w-]{8,}$/);
    expect(records.some((r) => /SIGTERM: finishing in-flight requests/.test(String(r['message'])))).toBe(true);
    expect(stderr.join('\n')).toMatch(/no model has been trained yet/);
  });

  it('--workers 2: both processes serve the same port, one address is printed, SIGTERM stops all', async () => {
    const db = await tempDb();
    await db.close();
    const child = spawn(process.execPath, [BIN, '--db', db.url, '--models', join(tempDir(), 'models'), 'serve', '--port', '0', '--workers', '2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: string[] = [];
    const stdout: string[] = [];
    createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        stdout.push(line);
        const m = /listening on (http:\/\/\S+) with 2 workers/.exec(line);
        if (m !== null) resolve(m[1]!);
      });
      void exited.then((code) => reject(new Error(`exited ${code}: ${stderr.join('\n')}`)));
    });
    try {
      // Separate connections, which the primary hands to the workers in turn.
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`${url}/v1/ready`, { headers: { connection: 'close' } });
        expect(res.status).toBe(503);
        expect(await res.json()).toMatchObject({ database: true });
      }
      const articles = await fetch(`${url}/v1/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ articles: [{ text: 'خبر تجريبي عن الأمن في الجزائر' }] }),
      });
      expect(articles.status).toBe(201);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout.filter((l) => l.includes('listening'))).toHaveLength(1);
    const records = stderr.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.filter((r) => /finishing in-flight requests/.test(String(r['message'])))).toHaveLength(2);
    const served = records.filter((r) => r['path'] === '/v1/ready');
    expect(served).toHaveLength(6);
    expect(new Set(served.map((r) => r['pid'])).size).toBe(2);
  });

  it('by default starts one worker per core (at most 8), and stops them all on SIGTERM', async () => {
    const db = await tempDb();
    await db.close();
    const expected = Math.min(8, availableParallelism());
    const child = spawn(process.execPath, [BIN, '--db', db.url, '--models', join(tempDir(), 'models'), 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (l) => {
        if (l.includes('listening on')) resolve(l);
      });
      void exited.then((code) => reject(new Error(`exited ${code}`)));
    });
    try {
      if (expected > 1) expect(line).toMatch(new RegExp(`listening on http://\\S+ with ${expected} workers$`));
      else expect(line).toMatch(/listening on http:\/\/\S+$/);
      expect((await fetch(`${/(http:\/\/\S+)/.exec(line)![1]!}/v1/health`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('rejects a bad --workers with a usage error', async () => {
    const r = await runCli(['serve', '--workers', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mizan: --workers: "many" is not auto or a whole number from 1 to 64\n');
  });

  it('--help lists the options, the token variable and an example', async () => {
    const r = await runCli(['serve', '--help']);
    expect(r.code).toBe(0);
    for (const option of ['--host <host>', '--port <port>', '--model <dir>', '--body-limit <bytes>', '--batch-limit <n>', '--workers <n>'])
      expect(r.stdout).toContain(option);
    expect(r.stdout).toContain('MIZAN_API_TOKEN');
    expect(r.stdout).toMatch(/Examples:\n {2}mizan serve\n/);
  });

  it('rejects a bad --port with a usage error', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: tempDir() });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(err).toBe('mizan: --port: "eighty" is not a whole number from 0 to 65535\n');
  });
});
