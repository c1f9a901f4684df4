import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { Adjudicator, type EngineKind } from '../../src/adjudication/adjudicator';
import { MemoryLedgers } from '../../src/adjudication/memory-ledgers';
import { versionDate, versionsInForce } from '../../src/adjudication/version-selection';
import type { SampleApplication } from '../../src/engine/samples';
import type { ProgramCatalog } from '../../src/rules/catalog';
import type { Condition, Parameter } from '../../src/rules/pack-types';

/** The eligibility tree as a naive integration would hand it to json-rules-engine: parameters inlined, stock operators only. */
export function naiveConditions(c: Condition, params: Record<string, Parameter>): Record<string, unknown> {
  if ('all' in c) return { all: c.all.map((x) => naiveConditions(x, params)) };
  if ('any' in c) return { any: c.any.map((x) => naiveConditions(x, params)) };
  if ('not' in c) return { not: naiveConditions(c.not, params) };
  const value = c.value && typeof c.value === 'object' && !Array.isArray(c.value) ? ('param' in c.value ? params[c.value.param]!.value : { fact: c.value.fact, ...(c.value.path ? { path: c.value.path } : {}) }) : c.value;
  // containsAny is the project's: a naive integration writes it as any of contains
  if (c.operator === 'containsAny') return { any: (value as unknown[]).map((v) => ({ fact: c.fact, operator: 'contains', value: v })) };
  return { fact: c.fact, operator: c.operator, value, ...(c.path ? { path: `$.${c.path}` } : {}) };
}

export interface NaiveCase {
  conditions: Record<string, unknown>;
  facts: Record<string, unknown>;
}

/** Each sample's own program, the version in force for it, its facts: what the naive baseline evaluates. */
export function naiveCases(catalog: ProgramCatalog, samples: readonly SampleApplication[]): NaiveCase[] {
  return samples.map(({ inputs }) => {
    const program = catalog.get(inputs.program)!;
    const facts = { ...inputs.facts, applicationDate: inputs.applicationDate, beneficiaryJurisdiction: inputs.beneficiary.jurisdiction };
    const date = versionDate(program.pack.versionDate, facts, inputs.applicationDate).date ?? inputs.applicationDate;
    const version = versionsInForce.select(program, date, true) ?? program.versions[0]!;
    return { conditions: naiveConditions(version.eligibility, version.version.parameters), facts };
  });
}

export async function runNaive(cases: readonly NaiveCase[]): Promise<boolean[]> {
  const out: boolean[] = [];
  for (const c of cases) {
    const engine = new Engine([], { allowUndefinedFacts: true });
    engine.addRule({ conditions: c.conditions as unknown as TopLevelCondition, event: { type: 'eligible' } });
    const { results } = await engine.run(c.facts);
    out.push(results.length > 0);
  }
  return out;
}

export async function runAdjudication(catalog: ProgramCatalog, samples: readonly SampleApplication[], engine: EngineKind): Promise<string[]> {
  const adjudicator = new Adjudicator(catalog, catalog.facts);
  const out: string[] = [];
  for (const s of samples) {
    try {
      const e = await adjudicator.decide(s.inputs, { ledgers: new MemoryLedgers(), holder: 'bench', includeDrafts: true, engine });
      out.push(e.outcome + ' ' + (e.amount ?? ''));
    } catch (err) {
      out.push('error');
    }
  }
  return out;
}

/** Runs each contender `rounds` times, interleaved, and keeps each one's best rate (items/s). */
export async function race(rounds: number, contenders: Record<string, () => Promise<number>>): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of Object.entries(contenders)) {
      const start = process.hrtime.bigint();
      const items = await run();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      best[name] = Math.max(best[name] ?? 0, items / seconds);
    }
  }
  return best;
}
