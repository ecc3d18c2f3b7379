// A prediction thread of predict-pool.ts: gets the model in inference form once (its packed rows are
// shared memory, not copied), then answers { job, texts, explain } with { job, predictions } or
// { job, error } until the pool closes its port.
import { parentPort, workerData } from 'node:worker_threads';
import { layoutFrom } from './packed.js';
import { predictWith } from './predict.js';
import type { InferenceModel } from './predict.js';
import type { PoolRequest, PoolResponse } from './predict-pool.js';

const received = (workerData as { model: InferenceModel }).model;
const model: InferenceModel = { ...received, layout: received.layout === null ? null : layoutFrom(received.layout) };
const port = parentPort!;

port.on('message', (m: PoolRequest) => {
  if ('close' in m) {
    port.close(); // the thread exits once its event loop is empty
    return;
  }
  let reply: PoolResponse;
  try {
    reply = { job: m.job, predictions: predictWith(model, m.texts, { explain: m.explain }) };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { job: m.job, error: { name: err.name, message: err.message, stack: err.stack ?? '' } };
  }
  port.postMessage(reply);
});
port.postMessage({ job: -1, ready: true } satisfies PoolResponse);
