// Requests that arrive together are classified together: every request queues its texts, and once
// per event-loop turn (setImmediate, after the I/O that brought them) the queue runs ONE predict()
// per model over all of them. A model call has a fixed cost (tensor set-up, kernel dispatch) that
// this shares across concurrent requests. Each job keeps the model it was given when its request
// started, so a hot swap never moves a request that is already under way to the new model.
import type { Prediction } from '../model/types.js';

export type PredictFn<M> = (model: M, texts: string[], opts: { explain: boolean }) => Prediction[];

interface Job<M> {
  model: M;
  texts: string[];
  explain: boolean;
  resolve(p: Prediction[]): void;
  reject(e: unknown): void;
}

export class PredictQueue<M> {
  private jobs: Job<M>[] = [];
  private scheduled = false;

  constructor(
    private readonly predict: PredictFn<M>,
    /** Most texts in one predict() call; a single larger job still runs alone. */
    private readonly maxTexts = 256,
  ) {}

  run(model: M, texts: string[], explain: boolean): Promise<Prediction[]> {
    return new Promise((resolve, reject) => {
      this.jobs.push({ model, texts, explain, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const jobs = this.jobs;
    this.jobs = [];
    this.scheduled = false;
    while (jobs.length > 0) {
      const head = jobs[0]!;
      // Gather jobs for the same model and explain flag, up to maxTexts texts.
      const group: Job<M>[] = [];
      let count = 0;
      for (let i = 0; i < jobs.length;) {
        const job = jobs[i]!;
        if (job.model === head.model && job.explain === head.explain && (group.length === 0 || count + job.texts.length <= this.maxTexts)) {
          group.push(job);
          count += job.texts.length;
          jobs.splice(i, 1);
        } else i++;
      }
      this.runGroup(head.model, head.explain, group);
    }
  }

  private runGroup(model: M, explain: boolean, group: Job<M>[]): void {
    let predictions: Prediction[];
    try {
      predictions = this.predict(model, group.length === 1 ? group[0]!.texts : group.flatMap((j) => j.texts), { explain });
    } catch (e) {
      for (const job of group) job.reject(e);
      return;
    }
    let at = 0;
    for (const job of group) {
      job.resolve(predictions.slice(at, at + job.texts.length));
      at += job.texts.length;
    }
  }
}
