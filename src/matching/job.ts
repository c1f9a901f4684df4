import { createHash, randomUUID } from 'node:crypto';
import type { ProfileView } from '../profiles/profile-view';
import type { CatalogSource, ProgramCatalog } from '../rules/catalog';
import { ReadsCatalogInForce } from '../rules/catalog-in-force';
import type { Program } from '../rules/compiled';
import type { EnterpriseMatch, MatchingChunkDoc, MatchingRunDoc, ProgramMatch } from '../store/matching-models';
import type { MatchingStore } from '../store/matching-store';
import type { ProfileStore } from '../store/profile-store';
import { profileAsOf } from '../profiles/profile-view';
import { ProfileEvaluator, type Evaluated } from './evaluate';
import { summaryOf } from './views';
import type { Counterfactuals } from '../counterfactuals/what-would-change';
import type { MatchingRunRequest } from '../schema-types/matching-run-request';

const CHUNK = 500;
const READ_AHEAD = 32;
/** Re-reading more profiles than this, a run reads every entry in one scan. */
const SCAN_ABOVE = 500;

/** A run's request (schemas/matching-run-request.schema.json), with its date settled: asOf is required here. */
export type RunRequest = MatchingRunRequest & { asOf: string };

/** What a run hands on for each enterprise re-matched (grants without application, pushes). */
export interface Rematched {
  view: ProfileView;
  evaluated: Evaluated[];
}

export interface MatchingHooks {
  /** Called for every enterprise re-matched, before the run is stored; may annotate the matches (auto-grants). */
  afterEvaluate?(run: { id: string; asOf: string }, rematched: Rematched): Promise<void>;
  publish?(topic: string, payload: Record<string, unknown>, options: { id: string; jurisdictions: string[] }): Promise<unknown>;
  /** What would change a rejection (runs asking for it). */
  counterfactuals?: Counterfactuals;
}

export function scopeOf(req: RunRequest): string {
  const set = req.usccs ? `+${createHash('sha256').update([...req.usccs].sort().join(',')).digest('hex').slice(0, 16)}` : '';
  return `${req.jurisdiction}@${req.asOf}${set}${req.whatWouldChange ? '+whatWouldChange' : ''}`;
}

/**
 * Proactive matching: every program in force over every profile of a jurisdiction (or a chosen
 * set) as of a date. Incremental against the scope's previous run: an enterprise is re-matched
 * when a batch completed since that run gave facts about it, and a program is re-run for every
 * enterprise when its rules changed; everything else is carried over. Nothing is reserved and
 * no ledger is written: amounts are estimates under the published limits.
 */
export class MatchingJob extends ReadsCatalogInForce {
  private evaluatorOf: { catalog: ProgramCatalog; evaluator: ProfileEvaluator } | undefined;
  /** The evaluator over the catalog in force (built again after a rule reload). */
  get evaluator(): ProfileEvaluator {
    const catalog = this.catalog;
    if (this.evaluatorOf?.catalog !== catalog) this.evaluatorOf = { catalog, evaluator: new ProfileEvaluator(catalog) };
    return this.evaluatorOf.evaluator;
  }

  constructor(
    private readonly store: MatchingStore,
    private readonly profiles: ProfileStore,
    catalog: CatalogSource,
    private readonly hooks: MatchingHooks = {},
  ) {
    super(catalog);
  }

  /** Runs now, to the end; `as`: the id and start time given when the run was asked for. */
  async run(req: RunRequest, as: { id: string; startedAt: Date } = { id: `mrun_${randomUUID()}`, startedAt: new Date() }): Promise<MatchingRunDoc> {
    const { id, startedAt } = as;
    const scope = scopeOf(req);
    const previous = await this.store.latest(scope);
    const rules = Object.fromEntries(this.catalog.all().filter((p) => p.pack.status !== 'draft').map((p) => [p.key, this.evaluator.rulesOf(p)]));
    const changedPrograms = new Set(Object.keys(rules).filter((k) => previous?.rules[k] !== rules[k]));
    const earlier = new Map<string, EnterpriseMatch>();
    if (previous) for (const c of await this.store.chunks(previous)) for (const r of c.results) earlier.set(r.uscc, r);
    const changedEnterprises = previous ? new Set((await this.profiles.batchesSince(previous.startedAt)).flatMap((b) => b.usccs)) : undefined;

    const inScope = req.usccs
      ? [...new Set(req.usccs)]
      : (await this.profiles.all()).filter((p) => this.catalog.jurisdictions.has(p.jurisdiction) && this.catalog.jurisdictions.chain(p.jurisdiction).includes(req.jurisdiction)).map((p) => p._id);
    inScope.sort();

    const results: EnterpriseMatch[] = [];
    let rematched = 0;
    let evaluations = 0;
    const plan = inScope.map((uscc) => {
      const before = earlier.get(uscc);
      const whole = !before || !changedEnterprises || changedEnterprises.has(uscc);
      const carry = !whole && !before!.programs.some((m) => changedPrograms.has(m.program)) && !this.newPrograms(before!, changedPrograms);
      return { uscc, before, whole, carry };
    });
    // profiles are read ahead, a window at a time (each read is a few `_id` lookups: the latency, not the work, dominates)
    const reads = new Map<string, Promise<ProfileView | undefined>>();
    const rereads = plan.filter((p) => !p.carry).length;
    if (rereads > SCAN_ABOVE) {
      const all = await this.profiles.allEntries();
      for (const p of plan) if (!p.carry) reads.set(p.uscc, Promise.resolve(profileAsOf(all.get(p.uscc) ?? [], req.asOf)));
    }
    const readAhead = (from: number) => {
      for (let i = from; i < Math.min(plan.length, from + READ_AHEAD); i++) {
        const p = plan[i]!;
        if (!p.carry && !reads.has(p.uscc)) reads.set(p.uscc, this.profiles.entries(p.uscc).then((entries) => profileAsOf(entries, req.asOf)));
      }
    };
    for (const [i, { uscc, before, whole, carry }] of plan.entries()) {
      if (i % READ_AHEAD === 0) readAhead(i + READ_AHEAD);
      if (i === 0) readAhead(0);
      if (carry) {
        results.push(before!);
        continue;
      }
      const view = await reads.get(uscc)!;
      reads.delete(uscc);
      if (!view || !this.catalog.jurisdictions.has(view.beneficiary.jurisdiction)) continue;
      const programs = this.evaluator.programsFor(view.beneficiary.jurisdiction).filter((p) => whole || changedPrograms.has(p.key));
      const evaluated = await this.evaluator.evaluate(view, programs);
      evaluations += evaluated.length;
      if (req.whatWouldChange && this.hooks.counterfactuals) {
        for (const { match } of evaluated) {
          if (match.outcome !== 'rejected' && match.outcome !== 'needs-information') continue;
          match.whatWouldChange = await this.hooks.counterfactuals.explore({ program: match.program, beneficiary: view.beneficiary, applicationDate: req.asOf, facts: view.facts });
        }
      }
      rematched++;
      await this.hooks.afterEvaluate?.({ id, asOf: req.asOf }, { view, evaluated });
      const fresh = new Map(evaluated.map((e) => [e.match.program, e.match]));
      const keep = whole ? [] : before!.programs.filter((m) => !changedPrograms.has(m.program) && rules[m.program] !== undefined);
      const programs2: ProgramMatch[] = [...keep, ...fresh.values()].sort((a, b) => a.program.localeCompare(b.program));
      const entry: EnterpriseMatch = { ...view.beneficiary, profile: profileKey(view), sources: sourcesOf(view), programs: programs2 };
      results.push(entry);
      await this.push(req, entry, before);
    }

    const chunks: MatchingChunkDoc[] = [];
    for (let k = 0; k * CHUNK < results.length || k === 0; k++) chunks.push({ _id: `${id}#${k}`, results: results.slice(k * CHUNK, (k + 1) * CHUNK) });
    const run: MatchingRunDoc = {
      _id: id, scope, jurisdiction: req.jurisdiction, usccs: req.usccs ?? null, asOf: req.asOf, previousRun: previous?._id ?? null,
      startedAt, finishedAt: new Date(), rules, enterprises: results.length, rematched, evaluations, chunks: chunks.length,
    };
    await this.store.complete(run, chunks);
    return run;
  }

  /** Programs that apply to the enterprise now but did not when it was last matched (a new program). */
  private newPrograms(before: EnterpriseMatch, changed: Set<string>): boolean {
    const had = new Set(before.programs.map((m) => m.program));
    return this.evaluator.programsFor(before.jurisdiction).some((p: Program) => changed.has(p.key) && !had.has(p.key));
  }

  /** Pushes an enterprise's result to subscribers when it differs from the previous run's. */
  private async push(req: RunRequest, entry: EnterpriseMatch, before: EnterpriseMatch | undefined): Promise<void> {
    if (!this.hooks.publish) return;
    const digest = createHash('sha256').update(JSON.stringify(entry.programs.map((m) => [m.program, m.outcome, m.amount, m.missingFacts]))).digest('hex').slice(0, 24);
    if (before && digest === createHash('sha256').update(JSON.stringify(before.programs.map((m) => [m.program, m.outcome, m.amount, m.missingFacts]))).digest('hex').slice(0, 24)) return;
    await this.hooks.publish('matching.result', { asOf: req.asOf, ...summaryOf(entry) }, { id: `${scopeOf(req)}|${entry.uscc}|${digest}`, jurisdictions: this.catalog.jurisdictions.chain(entry.jurisdiction) });
  }
}

function profileKey(view: ProfileView): string {
  return createHash('sha256').update(JSON.stringify(view.entries.filter((e) => e.applied).map((e) => [e.source, e.batch]))).digest('hex').slice(0, 24);
}

function sourcesOf(view: ProfileView): string[] {
  return view.entries.filter((e) => e.applied).map((e) => `${e.source}|${e.batch}`);
}
