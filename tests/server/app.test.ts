import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { AppDeps } from '../../src/server/types.js';
import { watchModels } from '../../src/server/model-source.js';
import type { ModelSource } from '../../src/server/model-source.js';
import type { LogRecord } from '../../src/server/request-log.js';
import { tempDir } from '../helpers/temp.js';
import { call, expectError, expectNothingInternal } from './http.js';

/** An app with no trained model (an empty models directory) and no database. */
async function bareApp(extra: Partial<AppDeps> = {}) {
  const models = await watchModels({ modelsDir: tempDir() });
  const logs: LogRecord[] = [];
  const app = createApp({ models, db: null, log: (r) => logs.push(r), ...extra });
  return { app, models, logs };
}

const ARTICLE = 'تعاون استخبارات الجزائر والمغرب لتجفيف منابع «داعش» في ليبيا';

describe('status routes', () => {
  it('GET /v1/health is 200 with a request id header', async () => {
    const { app, models } = await bareApp();
    const a = await call(app, 'GET', '/v1/health');
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ status: 'ok' });
    expect(a.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
    models.close();
  });

  it('GET /v1/ready is 503 without a model or database, and says why', async () => {
    const { app, models } = await bareApp();
    const a = await call(app, 'GET', '/v1/ready');
    expect(a.status).toBe(503);
    expect(a.body).toMatchObject({ status: 'not_ready', model: false, database: false });
    expect(a.body.message).toMatch(/no model has been trained yet: run `mizan train`/);
    expectNothingInternal(a.text);
    models.close();
  });

  it('GET /v1/model and POST /v1/classify are 503 with a clear message before any training', async () => {
    const { app, models } = await bareApp();
    expectError(await call(app, 'GET', '/v1/model'), 503, 'no_model', /no model has been trained yet: run `mizan train`/);
    expectError(await call(app, 'POST', '/v1/classify', { json: { text: ARTICLE } }), 503, 'no_model', /mizan train/);
    expectError(await call(app, 'POST', '/v1/classify/batch', { json: { items: [{ id: 'a', text: ARTICLE }] } }), 503, 'no_model');
    models.close();
  });

  it('--model pointing nowhere: 503 without the path in the message', async () => {
    const dir = tempDir();
    const models = await watchModels({ modelsDir: dir, modelDir: `${dir}/nope` });
    const app = createApp({ models, db: null });
    const a = await call(app, 'GET', '/v1/model');
    expectError(a, 503, 'no_model', /--model is not there/);
    expect(a.text).not.toContain(dir);
    models.close();
  });

  it('POST /v1/articles without a database is 503', async () => {
    const { app, models } = await bareApp();
    expectError(await call(app, 'POST', '/v1/articles', { json: { articles: [{ text: ARTICLE }] } }), 503, 'no_database');
    models.close();
  });
});

describe('errors', () => {
  it('404 for an unknown path, as JSON', async () => {
    const { app, models } = await bareApp();
    expectError(await call(app, 'GET', '/v1/nope'), 404, 'not_found', /GET \/v1\/nope/);
    expectError(await call(app, 'GET', '/'), 404, 'not_found');
    expectError(await call(app, 'POST', '/v2/classify', { json: { text: ARTICLE } }), 404, 'not_found');
    models.close();
  });

  it('405 with Allow for a known path and the wrong method', async () => {
    const { app, models } = await bareApp();
    const get = await call(app, 'GET', '/v1/classify');
    expectError(get, 405, 'method_not_allowed', /use POST/);
    expect(get.headers.get('allow')).toBe('POST');
    const post = await call(app, 'POST', '/v1/health', { json: {} });
    expectError(post, 405, 'method_not_allowed');
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expectError(await call(app, 'DELETE', '/v1/articles'), 405, 'method_not_allowed');
    expectError(await call(app, 'PUT', '/v1/classify/batch', { json: {} }), 405, 'method_not_allowed');
    models.close();
  });

  it('415 when the body is not declared as JSON (wrong or missing Content-Type)', async () => {
    const { app, models } = await bareApp();
    const body = JSON.stringify({ text: ARTICLE });
    expectError(
      await call(app, 'POST', '/v1/classify', { body, headers: { 'content-type': 'text/plain' } }),
      415,
      'unsupported_media_type',
      /application\/json/,
    );
    expectError(await call(app, 'POST', '/v1/classify', { body }), 415, 'unsupported_media_type');
    expectError(
      await call(app, 'POST', '/v1/classify/batch', { body: 'items=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported_media_type',
    );
    expectError(
      await call(app, 'POST', '/v1/articles', { body, headers: { 'content-type': 'multipart/form-data; boundary=x' } }),
      415,
      'unsupported_media_type',
    );
    // JSON with a charset, or a +json type, is JSON.
    const ok = await call(app, 'POST', '/v1/classify', { body, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(ok.status).toBe(503);
    models.close();
  });

  it('413 over the body limit (default 1 MB, configurable), before anything is parsed', async () => {
    const { app, models } = await bareApp();
    const big = JSON.stringify({ text: 'ب'.repeat(600_000) }); // 1.2 MB of UTF-8
    expectError(
      await call(app, 'POST', '/v1/classify', { body: big, headers: { 'content-type': 'application/json' } }),
      413,
      'body_too_large',
      /1048576 bytes/,
    );
    const small = await bareApp({ bodyLimit: 1000 });
    const tooBig = JSON.stringify({ text: 'x'.repeat(1001) });
    expectError(
      await call(small.app, 'POST', '/v1/classify', { body: tooBig, headers: { 'content-type': 'application/json' } }),
      413,
      'body_too_large',
      /1000 bytes/,
    );
    // A body streamed without Content-Length is counted as it arrives.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(300)));
        controller.close();
      },
    });
    const res = await small.app.request('/v1/classify', { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' });
    expect(res.status).toBe(413);
    models.close();
    small.models.close();
  });

  it('400 for a body that is not JSON', async () => {
    const { app, models } = await bareApp();
    for (const body of ['{"text": "unterminated', 'not json', '', '{"text":"a",}']) {
      expectError(await call(app, 'POST', '/v1/classify', { body, headers: { 'content-type': 'application/json' } }), 400, 'invalid_json', /not valid JSON/);
    }
    models.close();
  });

  it('400 for invalid fields, naming the field', async () => {
    const { app, models } = await bareApp();
    const cases: [string, unknown, RegExp][] = [
      ['/v1/classify', {}, /^text: give "text", or "title" and\/or "body"/],
      ['/v1/classify', { text: 42 }, /^text: .*expected string/i],
      ['/v1/classify', { text: '' }, /^text: /],
      ['/v1/classify', { text: ARTICLE, explain: 'yes' }, /^explain: .*expected boolean/i],
      ['/v1/classify', { text: ARTICLE, colour: 'red' }, /^colour: unknown field/],
      ['/v1/classify', [ARTICLE], /^body: .*expected object/i],
      ['/v1/classify/batch', { items: [] }, /^items: /],
      ['/v1/classify/batch', { items: [{ id: 'a', text: ARTICLE }, { text: ARTICLE }] }, /^items\.1\.id: /],
      ['/v1/classify/batch', { items: [{ id: 'a', text: ARTICLE }, { id: 'b' }] }, /^items\.1\.text: give/],
      ['/v1/classify/batch', { items: [{ id: 'a', txt: ARTICLE }] }, /^items\.0\.txt: unknown field/],
      ['/v1/articles', { articles: [{ text: ARTICLE, publishedAt: 12 }] }, /^articles\.0\.publishedAt: /],
      ['/v1/articles', { article: [] }, /^(articles|article): /],
    ];
    for (const [path, json, message] of cases) {
      const a = await call(app, 'POST', path, { json });
      expectError(a, 400, 'invalid_request', message);
    }
    models.close();
  });

  it('the batch limit is enforced and named', async () => {
    const { app, models } = await bareApp({ batchLimit: 3 });
    const items = Array.from({ length: 4 }, (_, i) => ({ id: `a${i}`, text: ARTICLE }));
    expectError(await call(app, 'POST', '/v1/classify/batch', { json: { items } }), 400, 'invalid_request', /^items: .*3/);
    models.close();
  });

  it('a bug is a 500 with a request id; the details go to the log only', async () => {
    const broken: ModelSource = {
      current() {
        throw new Error(`ENOENT: no such file, open '/work/secret/models/m1/weights.bin'`);
      },
      problem: () => null,
      classify: () => Promise.resolve([]),
      close() {},
    };
    const logs: LogRecord[] = [];
    const app = createApp({ models: broken, db: null, log: (r) => logs.push(r) });
    const a = await call(app, 'POST', '/v1/classify', { json: { text: ARTICLE } });
    expectError(a, 500, 'internal', /internal error \(request [\w-]+\)/);
    const id = a.headers.get('x-request-id');
    expect(a.body.error.message).toContain(id);
    const logged = logs.find((r) => r.level === 'error' && r.requestId === id && typeof r.message === 'string' && r.message.includes('/work/secret'));
    expect(logged).toBeDefined();
  });
});

describe('bearer token (MIZAN_API_TOKEN)', () => {
  it('401 without or with a wrong token; health stays open; the right token passes', async () => {
    const { app, models } = await bareApp({ token: 's3cret-token' });
    const no = await call(app, 'POST', '/v1/classify', { json: { text: ARTICLE } });
    expectError(no, 401, 'unauthorized');
    expect(no.headers.get('www-authenticate')).toBe('Bearer');
    expectError(await call(app, 'GET', '/v1/model', { headers: { authorization: 'Bearer wrong' } }), 401, 'unauthorized');
    expectError(await call(app, 'GET', '/v1/model', { headers: { authorization: 's3cret-token' } }), 401, 'unauthorized');
    expectError(await call(app, 'GET', '/v1/ready', { headers: { authorization: 'Bearer s3cret-token-and-more' } }), 401, 'unauthorized');
    expect((await call(app, 'GET', '/v1/health')).status).toBe(200);
    // With the token, the request reaches the route (no model here: 503).
    expectError(await call(app, 'POST', '/v1/classify', { json: { text: ARTICLE }, headers: { authorization: 'Bearer s3cret-token' } }), 503, 'no_model');
    models.close();
  });

  it('the OpenAPI document says so: bearer security on every operation but health', async () => {
    const { app, models } = await bareApp({ token: 's3cret-token' });
    const doc = (await call(app, 'GET', '/openapi.json')).body;
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/v1/health'].get.security).toEqual([]);
    const open = await bareApp();
    expect((await call(open.app, 'GET', '/openapi.json')).body.security).toBeUndefined();
    models.close();
    open.models.close();
  });

  it('no token configured: no check', async () => {
    const { app, models } = await bareApp({ token: '' });
    expectError(await call(app, 'GET', '/v1/model'), 503, 'no_model');
    models.close();
  });
});

describe('request log', () => {
  it('one structured record per request, with the request id the client got', async () => {
    const { app, models, logs } = await bareApp();
    const a = await call(app, 'GET', '/v1/health', { headers: { 'x-request-id': 'client-chosen-id-1' } });
    expect(a.headers.get('x-request-id')).toBe('client-chosen-id-1');
    await call(app, 'GET', '/v1/nope');
    const records = logs.filter((r) => r.path !== undefined);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ level: 'info', requestId: 'client-chosen-id-1', method: 'GET', path: '/v1/health', status: 200 });
    expect(records[1]).toMatchObject({ method: 'GET', path: '/v1/nope', status: 404 });
    expect(typeof records[1]!.ms).toBe('number');
    models.close();
  });
});

describe('OpenAPI document', () => {
  it('parses and lists every route with its methods and error responses', async () => {
    const { app, models } = await bareApp();
    const a = await call(app, 'GET', '/openapi.json');
    expect(a.status).toBe(200);
    const doc = a.body;
    expect(doc.openapi).toBe('3.1.0');
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual([
      'GET /v1/health',
      'GET /v1/model',
      'GET /v1/ready',
      'GET /v1/report',
      'POST /v1/articles',
      'POST /v1/classify',
      'POST /v1/classify/batch',
    ]);
    const classify = doc.paths['/v1/classify'].post;
    expect(Object.keys(classify.responses).sort()).toEqual(['200', '400', '401', '413', '415', '503']);
    expect(classify.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ClassifyRequest');
    for (const name of ['ClassifyRequest', 'Classification', 'BatchClassifyRequest', 'BatchClassification', 'QueueArticlesRequest', 'ModelInfo', 'Error']) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    // Every route the app actually answers is in the document.
    for (const r of app.routes.filter((r) => r.method !== 'ALL' && r.path !== '/openapi.json')) {
      expect(routes).toContain(`${r.method} ${r.path}`);
    }
    models.close();
  });
});
