import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { MatchingFailureDoc, MatchingRunDoc, MatchingStartDoc } from '../store/matching-models';
import type { MatchingStore } from '../store/matching-store';
import { notFound, notReady, unprocessable } from '../service/errors';
import type { CatalogSource } from '../rules/catalog';
import { ReadsCatalogInForce } from '../rules/catalog-in-force';
import { MatchingJob, scopeOf, type RunRequest } from './job';
import { passes, summaryOf, type ResultFilter } from './views';
import type { MatchingRun } from '../schema-types/matching';

/** What is known of a run: asked for (its start), finished (the run), or failed. */
export interface RunState {
  id: string;
  start?: MatchingStartDoc;
  run?: MatchingRunDoc;
  failure?: MatchingFailureDoc;
}

/** A run as the API shows it: `running` until its results are stored, then `done` (or `failed`). */
export function runResource(state: RunState): MatchingRun {
  const { run, start, failure } = state;
  const figures = run
    ? { previousRun: run.previousRun, finishedAt: run.finishedAt.toISOString(), enterprises: run.enterprises, rematched: run.rematched, evaluations: run.evaluations }
    : { previousRun: null, finishedAt: null, enterprises: null, rematched: null, evaluations: null };
  const asked = run ?? start!;
  return {
    id: state.id,
    state: run ? ('done' as const) : failure ? ('failed' as const) : ('running' as const),
    scope: asked.scope, jurisdiction: asked.jurisdiction, asOf: asked.asOf, usccs: asked.usccs,
    startedAt: (start?.startedAt ?? run!.startedAt).toISOString(),
    ...figures,
    ...(failure && !run ? { error: failure.error } : {}),
  };
}

/** Matching runs and their results, for the HTTP layer and the command line. */
export class Matching extends ReadsCatalogInForce {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    readonly job: MatchingJob,
    private readonly store: MatchingStore,
    catalog: CatalogSource,
    private readonly today: () => string,
    private readonly logger: Logger = pino({ level: 'silent' }),
  ) {
    super(catalog);
  }

  /**
   * Starts a run and answers at once (a run over a city's enterprises takes minutes): its start
   * is stored, the run goes on in the background of this process and stores its results, then
   * itself; a failure is stored too. Read its state with `get`.
   */
  async start(req: { jurisdiction: string; asOf?: string; usccs?: string[]; whatWouldChange?: boolean }, requestedBy: string): Promise<RunState> {
    if (!this.catalog.jurisdictions.has(req.jurisdiction)) throw unprocessable('unknown jurisdiction', [{ pointer: '/jurisdiction', detail: 'is not a known jurisdiction code' }]);
    const asOf = req.asOf ?? this.today();
    if (asOf > this.today()) throw unprocessable('a run is as of today or earlier', [{ pointer: '/asOf', detail: `may not lie after today (${this.today()})` }]);
    const request: RunRequest = { jurisdiction: req.jurisdiction, asOf, ...(req.usccs ? { usccs: req.usccs } : {}), ...(req.whatWouldChange ? { whatWouldChange: true } : {}) };
    const start: MatchingStartDoc = { _id: `mrun_${randomUUID()}`, scope: scopeOf(request), jurisdiction: request.jurisdiction, asOf, usccs: request.usccs ?? null, whatWouldChange: request.whatWouldChange === true, requestedBy, startedAt: new Date() };
    await this.store.started(start);
    const work = this.job
      .run(request, { id: start._id, startedAt: start.startedAt })
      .then(
        () => undefined,
        async (e: unknown) => {
          this.logger.error({ err: e, matchingRun: start._id }, 'matching run failed');
          await this.store.failed({ _id: start._id, error: (e as Error).message, at: new Date() }).catch(() => undefined);
        },
      )
      .finally(() => this.running.delete(start._id));
    this.running.set(start._id, work);
    return { id: start._id, start };
  }

  /** Resolves when the run (if it runs in this process) has finished or failed. */
  async settled(id: string): Promise<void> {
    await this.running.get(id);
  }

  async get(id: string): Promise<RunState> {
    const state = /^mrun_[0-9a-f-]{36}$/.test(id) ? await this.store.state(id) : {};
    if (!state.start && !state.run) throw notFound(`no matching run ${id}`);
    return { id, ...state };
  }

  /** The run of a state whose results are stored; a conflict while it runs or after it failed. */
  finished(state: RunState): MatchingRunDoc {
    if (state.run) return state.run;
    if (state.failure) throw notReady(`matching run ${state.id} failed: ${state.failure.error}`);
    throw notReady(`matching run ${state.id} is still running: read GET /v1/matching-runs/${state.id} until its state is done`);
  }

  /** The results of a run passing the filter, in USCC order. */
  async results(run: MatchingRunDoc, filter: ResultFilter) {
    const chain = (code: string) => (this.catalog.jurisdictions.has(code) ? this.catalog.jurisdictions.chain(code) : [code]);
    const out = [];
    for (const chunk of await this.store.chunks(run)) for (const r of chunk.results) if (passes(r, filter, chain)) out.push(summaryOf(r));
    return out;
  }
}
