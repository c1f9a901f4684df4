import { Adjudicator, type EngineKind } from '../adjudication/adjudicator';
import type { Explanation } from '../adjudication/explanation';
import { fit, type CapLedgers, type LedgerHolder, type LedgerTake } from '../adjudication/ledgers';
import { toDecimal, toFen } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import type { Program, ProgramVersion } from '../rules/compiled';
import { firstDifference } from '../audit/first-difference';
import { canonicalJson } from '../rules/content-hash';
import type { Repositories } from '../store/repositories';
import { notFound } from './errors';
import { storedProgram } from './rule-versions';
import { inputsOf } from './submissions';

/** Answers each cap with the ledger state the decision recorded. */
class RecordedLedgers implements CapLedgers {
  constructor(
    private readonly usedBefore: ReadonlyMap<string, number>,
    private readonly usedBy: ReadonlyMap<string, LedgerHolder[]> = new Map(),
  ) {}
  async holders(ledger: string): Promise<LedgerHolder[]> {
    return this.usedBy.get(ledger) ?? [];
  }
  async take(t: LedgerTake) {
    const used = this.usedBefore.get(t.ledger) ?? 0;
    return { usedBefore: used, granted: fit(t, used), reused: false };
  }
  async giveBack(): Promise<void> {}
}

/**
 * Re-runs a stored decision from its stored application, the exact rule texts it recorded
 * (by hash, dependencies included) and the cap state it saw, and compares the result. With
 * `engine: 'reference'` it re-runs on json-rules-engine (the reference the compiled engine is
 * proven against) and also on the compiled engine, and says whether the two agree.
 */
export async function reproduceDecision(stores: Pick<Repositories, 'decisions' | 'applications' | 'ruleVersions'>, catalog: ProgramCatalog, decisionId: string, engine: EngineKind = 'compiled') {
  const decision = await stores.decisions.get(decisionId);
  if (!decision) throw notFound(`no decision ${decisionId}`);
  const application = (await stores.applications.get(decision.applicationId))!;
  const stored = decision.explanation as unknown as Explanation;

  const programs = new Map<string, Program>();
  const versions = new Map<string, ProgramVersion>();
  const collect = async (e: Explanation) => {
    if (e.version) {
      const found = await storedProgram(stores, catalog, e.version.ruleHash, e.version.effectiveUntil);
      if (!found) throw notFound(`rule text ${e.version.ruleHash} is not stored`);
      programs.set(e.program.key, found.program);
      versions.set(e.program.key, found.version);
    } else {
      const current = catalog.get(e.program.key);
      if (current) programs.set(e.program.key, { ...current, versions: [] });
    }
    for (const d of e.dependencies) await collect(d.explanation);
  };
  await collect(stored);

  const usedBefore = new Map<string, number>();
  for (const c of stored.caps) usedBefore.set(c.ledger, c.measure === 'amount' ? toFen(toDecimal(c.usedBefore)!) : Number(c.usedBefore));
  // who used the room before, as the decision recorded it
  const usedBy = new Map<string, LedgerHolder[]>();
  for (const c of stored.caps) {
    if (c.usedBy) usedBy.set(c.ledger, c.usedBy.map((h) => ({ holder: h.holder, units: c.measure === 'amount' ? toFen(toDecimal(h.used)!) : Number(h.used), ...(h.imported ? { imported: h.imported } : {}) })));
  }
  const adjudicator = new Adjudicator(programs, catalog.facts);
  const replay = (kind: EngineKind) =>
    adjudicator.decide({ ...inputsOf(application), program: decision.program }, {
      ledgers: new RecordedLedgers(usedBefore, usedBy),
      holder: decision._id,
      versions: { select: (program) => versions.get(program.key) },
      engine: kind,
    });
  const replayed = await replay(engine);
  const identical = canonicalJson(replayed) === canonicalJson(stored);
  // where the re-run first departs from what was stored (JSON pointer into the explanation, both values)
  const difference = identical ? null : firstDifference(JSON.parse(canonicalJson(stored)), JSON.parse(canonicalJson(replayed)));
  if (engine === 'compiled') return { decisionId, identical, firstDifference: difference, ruleHash: decision.ruleHash, explanation: replayed };
  const compiled = await replay('compiled');
  const enginesAgree = canonicalJson(compiled) === canonicalJson(replayed);
  return { decisionId, identical, firstDifference: difference, ruleHash: decision.ruleHash, engine, enginesAgree, explanation: replayed };
}
