// Picks the TF.js backend: tfjs-node when it loads (an optional dependency that needs a native
// download, so usually absent), else WASM, else the pure-JS CPU backend. `setBackend` reports
// failure by returning false while getBackend() may still name the backend: check the result.
import type * as Tfjs from '@tensorflow/tfjs';
import { MizanError } from '../errors.js';

export type BackendName = 'node' | 'wasm' | 'cpu';
export type Tf = typeof Tfjs;

export class BackendUnavailableError extends MizanError {
  override readonly name = 'BackendUnavailableError' as const;
  readonly code = 'backend_unavailable';
  constructor(
    readonly backend: BackendName,
    readonly reason: string,
  ) {
    super(`TF.js backend "${backend}" is not available: ${reason}`);
  }
}

export interface ActiveBackend {
  tf: Tf;
  name: BackendName;
}

let active: Promise<ActiveBackend> | null = null;
let activeFor: BackendName | undefined;

/** The TF.js module on the chosen backend; `forced` fails rather than falls back. Cached per process. */
export async function tfBackend(forced?: BackendName): Promise<ActiveBackend> {
  if (active !== null && (forced === undefined || forced === activeFor)) return active;
  activeFor = forced;
  active = pick(forced);
  try {
    return await active;
  } catch (e) {
    active = null;
    throw e;
  }
}

async function pick(forced: BackendName | undefined): Promise<ActiveBackend> {
  const order: BackendName[] = forced === undefined ? ['node', 'wasm', 'cpu'] : [forced];
  const failures: string[] = [];
  for (const name of order) {
    try {
      const tf = await load(name);
      activeFor = name;
      return { tf, name };
    } catch (e) {
      failures.push(`${name}: ${(e as Error).message.split('\n')[0]}`);
      if (forced !== undefined) throw new BackendUnavailableError(name, (e as Error).message.split('\n')[0] ?? '');
    }
  }
  throw new BackendUnavailableError('cpu', failures.join('; '));
}

async function load(name: BackendName): Promise<Tf> {
  if (name === 'node') {
    // A variable specifier: the package is optional and has no types when absent.
    const specifier = '@tensorflow/tfjs-node';
    const tf = (await import(specifier)) as Tf;
    return ready(tf, 'tensorflow');
  }
  const tf = await import('@tensorflow/tfjs');
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  return ready(tf, name === 'wasm' ? 'wasm' : 'cpu');
}

async function ready(tf: Tf, backend: string): Promise<Tf> {
  tf.enableProdMode(); // also silences the "running TensorFlow.js in Node.js" banner
  const ok = await tf.setBackend(backend);
  if (!ok || tf.getBackend() !== backend) throw new Error(`setBackend('${backend}') failed`);
  await tf.ready();
  return tf;
}
