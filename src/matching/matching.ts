import type { MatchingRunDoc } from '../store/matching-models';
import type { MatchingStore } from '../store/matching-store';
import { notFound, unprocessable } from '../service/errors';
import type { CatalogSource } from '../rules/catalog';
import { ReadsCatalogInForce } from '../rules/catalog-in-force';
import { MatchingJob, type RunRequest } from './job';
import { passes, summaryOf, type ResultFilter } from './views';

export function runResource(r: MatchingRunDoc) {
  return {
    id: r._id, scope: r.scope, jurisdiction: r.jurisdiction, asOf: r.asOf, usccs: r.usccs, previousRun: r.previousRun,
    startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt.toISOString(), enterprises: r.enterprises, rematched: r.rematched, evaluations: r.evaluations,
  };
}

/** Matching runs and their results, for the HTTP layer and the command line. */
export class Matching extends ReadsCatalogInForce {
  constructor(
    readonly job: MatchingJob,
    private readonly store: MatchingStore,
    catalog: CatalogSource,
    private readonly today: () => string,
  ) {
    super(catalog);
  }

  async run(req: { jurisdiction: string; asOf?: string; usccs?: string[]; whatWouldChange?: boolean }) {
    if (!this.catalog.jurisdictions.has(req.jurisdiction)) throw unprocessable('unknown jurisdiction', [{ pointer: '/jurisdiction', detail: 'is not a known jurisdiction code' }]);
    const asOf = req.asOf ?? this.today();
    if (asOf > this.today()) throw unprocessable('a run is as of today or earlier', [{ pointer: '/asOf', detail: `may not lie after today (${this.today()})` }]);
    const request: RunRequest = { jurisdiction: req.jurisdiction, asOf, ...(req.usccs ? { usccs: req.usccs } : {}), ...(req.whatWouldChange ? { whatWouldChange: true } : {}) };
    return runResource(await this.job.run(request));
  }

  async get(id: string): Promise<MatchingRunDoc> {
    const run = /^mrun_[0-9a-f-]{36}$/.test(id) ? await this.store.run(id) : undefined;
    if (!run) throw notFound(`no matching run ${id}`);
    return run;
  }

  /** The results of a run passing the filter, in USCC order. */
  async results(run: MatchingRunDoc, filter: ResultFilter) {
    const chain = (code: string) => (this.catalog.jurisdictions.has(code) ? this.catalog.jurisdictions.chain(code) : [code]);
    const out = [];
    for (const chunk of await this.store.chunks(run)) for (const r of chunk.results) if (passes(r, filter, chain)) out.push(summaryOf(r));
    return out;
  }
}
