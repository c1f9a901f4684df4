import { insertOnce } from './repositories';
import type { MatchingChunkDoc, MatchingFailureDoc, MatchingModels, MatchingRunDoc, MatchingStartDoc } from './matching-models';

/** Matching runs and their results: insert-only, read by `_id` (see matching-models.ts). */
export class MatchingStore {
  /** The highest run number seen per scope (a hint: heads are still claimed by insert). */
  private readonly seen = new Map<string, number>();

  constructor(private readonly models: MatchingModels) {}

  /** The latest completed run of a scope. */
  async latest(scope: string): Promise<MatchingRunDoc | undefined> {
    let n = this.seen.get(scope) ?? 0;
    let run: string | undefined;
    if (n > 0) run = (await this.models.matchingHeads.findById(`${scope}#${n}`).lean())?.run;
    for (;;) {
      const next = await this.models.matchingHeads.findById(`${scope}#${n + 1}`).lean();
      if (!next) break;
      n++;
      run = next.run;
    }
    if (n) this.seen.set(scope, n);
    return run ? this.run(run) : undefined;
  }

  /** Records a run asked for, before it runs. */
  async started(doc: MatchingStartDoc): Promise<void> {
    await this.models.matchingStarts.create(doc);
  }

  /** Records why a run failed (its start stays; no run is stored). */
  async failed(doc: MatchingFailureDoc): Promise<void> {
    await insertOnce(this.models.matchingFailures, doc);
  }

  /** What is known of a run by its id: its start, the run once finished, its failure. */
  async state(id: string): Promise<{ start?: MatchingStartDoc; run?: MatchingRunDoc; failure?: MatchingFailureDoc }> {
    const [start, run, failure] = await Promise.all([this.models.matchingStarts.findById(id).lean(), this.run(id), this.models.matchingFailures.findById(id).lean()]);
    return { ...(start ? { start: start as MatchingStartDoc } : {}), ...(run ? { run } : {}), ...(failure ? { failure: failure as MatchingFailureDoc } : {}) };
  }

  async run(id: string): Promise<MatchingRunDoc | undefined> {
    return ((await this.models.matchingRuns.findById(id).lean()) as MatchingRunDoc | null) ?? undefined;
  }

  async chunks(run: MatchingRunDoc): Promise<MatchingChunkDoc[]> {
    const docs = await Promise.all(Array.from({ length: run.chunks }, (_, k) => this.models.matchingChunks.findById(`${run._id}#${k}`).lean()));
    return docs.filter((d) => d !== null).map((d) => ({ _id: d!._id, results: JSON.parse(d!.results) as MatchingChunkDoc['results'] }));
  }

  /** Stores a run's chunks, then the run, then claims the next number of its scope: only then is it the latest. */
  async complete(run: MatchingRunDoc, chunks: MatchingChunkDoc[]): Promise<void> {
    for (const c of chunks) await insertOnce(this.models.matchingChunks, { _id: c._id, results: JSON.stringify(c.results) });
    await insertOnce(this.models.matchingRuns, run);
    let n = (this.seen.get(run.scope) ?? 0) + 1;
    // the run's number is the first free head: a concurrent run of the same scope takes the next
    while (!(await insertOnce(this.models.matchingHeads, { _id: `${run.scope}#${n}`, run: run._id }))) n++;
    this.seen.set(run.scope, n);
  }
}
