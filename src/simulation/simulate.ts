import { Adjudicator } from '../adjudication/adjudicator';
import type { Explanation } from '../adjudication/explanation';
import { MemoryLedgers } from '../adjudication/memory-ledgers';
import { versionsInForce, type VersionSource } from '../adjudication/version-selection';
import { toDecimal, toFen } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import type { ProgramVersion } from '../rules/compiled';
import { decisionIdFor, topUpDecisionId } from '../service/resources';
import type { ApplicationDoc, DecisionDoc } from '../store/models';
import type { Simulation } from '../schema-types/simulation';

/** A simulation's request: schemas/simulation.schema.json. */
export type SimulationRequest = Simulation;

/** What a simulation reads: pages of stored applications and decisions by _id (src/store/simulation-store.ts). */
export interface SimulationSource {
  page(programs: string[], from: string, to: string, afterId: string | undefined, limit: number): Promise<ApplicationDoc[]>;
  application(id: string): Promise<ApplicationDoc | undefined>;
  decision(id: string): Promise<DecisionDoc | undefined>;
  /** What a cap ledger holds now, for ledgers no stored decision of the period touched. */
  used(ledger: string): Promise<number>;
}

export interface SimulationProgress {
  phase: 'scanning' | 'evaluating' | 'done';
  scanned: number;
  matched: number;
  evaluated: number;
}

interface Planned {
  applicationId: string;
  decisionId?: string;
  order: string;
  jurisdiction: string;
  outcomeBefore: string;
  amountFenBefore: number;
}

const yuan = (fen: number) => {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
};
const fenOf = (amount: string | null) => (amount === null ? 0 : toFen(toDecimal(amount)!));

/** The one version simulated for its program; every other program (a dependency) as in force. */
function forcing(programKey: string, version: ProgramVersion): VersionSource {
  return {
    select: (program, date) => (program.key === programKey ? version : versionsInForce.select(program, date, false)),
  };
}

/**
 * Evaluates one version of a program against the stored applications of a period, changing
 * nothing stored: caps and budgets are taken on a private in-memory copy of the ledgers, in
 * the order of the original decisions (applications without one, e.g. for a draft program,
 * in the order they were received). Each ledger starts as the first stored decision of the
 * period that touched it found it (its recorded `usedBefore`), or else as it stands now.
 */
export async function simulate(catalog: ProgramCatalog, source: SimulationSource, request: SimulationRequest, onProgress: (p: SimulationProgress) => void | Promise<void> = () => undefined, pageSize = 200) {
  const program = catalog.get(request.program);
  if (!program) throw new Error(`no program ${request.program}`);
  const version = program.versions.find((v) => v.version.version === request.version);
  if (!version) throw new Error(`${request.program} has no version ${request.version}`);
  const sources = request.sourcePrograms?.length ? request.sourcePrograms : [request.program];
  const progress: SimulationProgress = { phase: 'scanning', scanned: 0, matched: 0, evaluated: 0 };

  // 1. scan the period page by page, keeping a small record per application and the ledger
  //    state each stored decision recorded before it took
  const planned: Planned[] = [];
  const firstSeen = new Map<string, { order: string; used: number }>();
  let after: string | undefined;
  for (;;) {
    const page = await source.page(sources, request.from, request.to, after, pageSize);
    if (!page.length) break;
    after = page.at(-1)!._id;
    progress.scanned += page.length;
    for (const app of page) {
      if (!catalog.appliesIn(program, app.beneficiary.jurisdiction)) continue;
      const decisionId = app.program === program.key ? decisionIdFor(app._id) : program.pack.topUpOf === app.program ? topUpDecisionId(decisionIdFor(app._id), program.key) : undefined;
      const decision = decisionId ? await source.decision(decisionId) : undefined;
      const order = `${(decision?.decidedAt ?? app.receivedAt).toISOString()}|${app._id}`;
      planned.push({ applicationId: app._id, decisionId: decision?._id, order, jurisdiction: app.beneficiary.jurisdiction, outcomeBefore: decision?.outcome ?? 'none', amountFenBefore: decision?.amountFen ?? 0 });
      for (const cap of ((decision?.explanation as unknown as Explanation | undefined)?.caps ?? [])) {
        const used = cap.measure === 'amount' ? fenOf(cap.usedBefore) : Number(cap.usedBefore);
        const seen = firstSeen.get(cap.ledger);
        if (!seen || order < seen.order) firstSeen.set(cap.ledger, { order, used });
      }
    }
    progress.matched = planned.length;
    await onProgress({ ...progress });
  }
  planned.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));

  // 2. decide each again, in order, on private ledgers
  progress.phase = 'evaluating';
  const startingUse = new Map<string, number>();
  for (const [ledger, s] of firstSeen) startingUse.set(ledger, s.used);
  const unseen = new Set<string>();
  const ledgers = new MemoryLedgers();
  // ledgers no stored decision of the period touched start as the store holds them now
  const take = ledgers.take.bind(ledgers);
  ledgers.take = async (t) => {
    if (!ledgers.used.has(t.ledger)) {
      let start = startingUse.get(t.ledger);
      if (start === undefined) {
        start = await source.used(t.ledger);
        unseen.add(t.ledger);
      }
      ledgers.used.set(t.ledger, start);
      startingUse.set(t.ledger, start);
    }
    return take(t);
  };
  const adjudicator = new Adjudicator(catalog, catalog.facts);
  const versions = forcing(program.key, version);
  const sampleSize = request.sample ?? 5;
  const byJurisdiction = new Map<string, { applications: number; changedOutcomes: number; beforeFen: number; afterFen: number }>();
  const outcomes = new Map<string, number>();
  const sample: unknown[] = [];
  let changedOutcomes = 0;
  let changedAmounts = 0;
  let beforeFen = 0;
  let afterFen = 0;
  let uncappedByBudgetsFen = 0;
  for (const p of planned) {
    const app = (await source.application(p.applicationId))!;
    const explanation = await adjudicator.decide(
      { program: program.key, beneficiary: app.beneficiary, applicationDate: app.applicationDate, facts: { ...app.facts, ...(request.facts ?? {}) } },
      { ledgers, holder: `simulation:${p.decisionId ?? p.applicationId}`, includeDrafts: true, versions },
    );
    const amountAfter = fenOf(explanation.amount);
    const changed = explanation.outcome !== p.outcomeBefore;
    if (changed) changedOutcomes++;
    if (amountAfter !== p.amountFenBefore) changedAmounts++;
    beforeFen += p.amountFenBefore;
    afterFen += amountAfter;
    // what budgets and pools (caps kept for the whole program) cut is money the program would need
    uncappedByBudgetsFen += amountAfter + explanation.caps.filter((c) => c.key === undefined && c.measure === 'amount').reduce((n, c) => n + fenOf(c.cut), 0);
    outcomes.set(explanation.outcome, (outcomes.get(explanation.outcome) ?? 0) + 1);
    const j = byJurisdiction.get(p.jurisdiction) ?? { applications: 0, changedOutcomes: 0, beforeFen: 0, afterFen: 0 };
    j.applications++;
    if (changed) j.changedOutcomes++;
    j.beforeFen += p.amountFenBefore;
    j.afterFen += amountAfter;
    byJurisdiction.set(p.jurisdiction, j);
    if ((changed || amountAfter !== p.amountFenBefore) && sample.length < sampleSize) {
      const before = p.decisionId ? await source.decision(p.decisionId) : undefined;
      sample.push({
        applicationId: p.applicationId,
        decisionId: p.decisionId ?? null,
        beneficiary: app.beneficiary,
        before: { outcome: p.outcomeBefore, amount: p.decisionId ? yuan(p.amountFenBefore) : null, explanation: before?.explanation ?? null },
        after: { outcome: explanation.outcome, amount: explanation.amount, explanation },
      });
    }
    progress.evaluated++;
    if (progress.evaluated % pageSize === 0) await onProgress({ ...progress });
  }
  progress.phase = 'done';
  await onProgress({ ...progress });

  // program-wide ledgers (budgets and pools) of the version: where they start and end
  const budgets = version.caps
    .filter((c) => c.cap.per.length === 0)
    .flatMap((c) => [...startingUse.keys()].filter((l) => l.startsWith(`${program.key}|${c.cap.id}|`)).map((ledger) => ({ cap: c.cap.id, ledger, measure: c.cap.measure })))
    .map(({ cap, ledger, measure }) => {
      const start = startingUse.get(ledger)!;
      const end = ledgers.used.get(ledger) ?? start;
      const show = (n: number) => (measure === 'amount' ? yuan(n) : String(n));
      return { cap, ledger, usedAtStart: show(start), usedAtEnd: show(end), takenBySimulation: show(end - start) };
    });
  return {
    request: { ...request, sourcePrograms: sources },
    version: { version: version.version.version, status: version.version.status, contentHash: version.contentHash, ruleHash: version.ruleHash },
    applications: planned.length,
    scanned: progress.scanned,
    changedOutcomes,
    changedAmounts,
    outcomesAfter: Object.fromEntries([...outcomes].sort()),
    totalBefore: yuan(beforeFen),
    totalAfter: yuan(afterFen),
    delta: yuan(afterFen - beforeFen),
    budgetNeeded: yuan(uncappedByBudgetsFen),
    budgets,
    byJurisdiction: [...byJurisdiction]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([jurisdiction, j]) => ({ jurisdiction, applications: j.applications, changedOutcomes: j.changedOutcomes, before: yuan(j.beforeFen), after: yuan(j.afterFen), delta: yuan(j.afterFen - j.beforeFen) })),
    ledgersReadFromStore: unseen.size,
    sample,
  };
}

export type SimulationReport = Awaited<ReturnType<typeof simulate>>;
