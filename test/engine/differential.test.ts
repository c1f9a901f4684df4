import { Engine } from 'json-rules-engine';
import { Adjudicator, type ApplicationInputs, type EngineKind } from '../../src/adjudication/adjudicator';
import { MemoryLedgers } from '../../src/adjudication/memory-ledgers';
import { DECIMAL_OPERATORS, installOperators } from '../../src/adjudication/operators';
import { toDecimal, toFen } from '../../src/money/decimal';
import { loadCatalog } from '../../src/rules/catalog';
import { readCaseFile, type CaseFile } from '../../src/rules/case-runner';
import { sampleApplications } from '../../src/engine/samples';
import { SchemaRegistry } from '../../src/validation/schema-registry';
import { randomConditionPrograms, type SyntheticCase } from './random-conditions';

/**
 * The compiled engine against its reference (json-rules-engine with the project's operators,
 * mathjs formulas): every case file, a large seeded set of perturbed applications and random
 * condition trees over every registered operator must give the same explanation, byte for
 * byte (verdicts, failing conditions, missing facts, the tree, the calculation, the caps), or
 * the same error. ENGINE_DIFF_APPLICATIONS scales the seeded set (default 50,000).
 */
const registry = new SchemaRegistry();
const catalog = loadCatalog(registry);
const files: CaseFile[] = catalog.all().map((p) => readCaseFile(registry, p.key));
// ≥ 50,000 applications in all: four in five perturbed from the case files, one in five random trees
const COUNT = Number(process.env.ENGINE_DIFF_APPLICATIONS ?? 50_000);
const PERTURBED = Math.ceil((COUNT * 4) / 5);
// at least 2,000 trees, enough for every operator to pass, fail and be unknown
const TREES = Math.max(2_000, COUNT - PERTURBED);

function ledgersFor(used: Record<string, string | number>): MemoryLedgers {
  return new MemoryLedgers((ledger) => {
    const v = used[ledger.split('|')[1]!];
    if (v === undefined) return 0;
    return typeof v === 'number' ? v : toFen(toDecimal(v)!);
  });
}

async function decideText(adjudicator: Adjudicator, inputs: ApplicationInputs, used: Record<string, string | number>, engine: EngineKind): Promise<string> {
  try {
    const e = await adjudicator.decide(inputs, { ledgers: ledgersFor(used), holder: 'diff', includeDrafts: true, engine });
    return JSON.stringify(e);
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

async function compare(adjudicator: Adjudicator, inputs: ApplicationInputs, used: Record<string, string | number>) {
  const reference = await decideText(adjudicator, inputs, used, 'reference');
  const compiled = await decideText(adjudicator, inputs, used, 'compiled');
  return { reference, compiled };
}

describe('compiled engine against json-rules-engine (the reference)', () => {
  const adjudicator = new Adjudicator(catalog, catalog.facts);

  it('the operator table json-rules-engine is given is the one the compiled path uses', () => {
    const engine = new Engine();
    const added: string[] = [];
    const original = engine.addOperator.bind(engine);
    engine.addOperator = ((name: string, cb: (a: unknown, b: unknown) => boolean) => {
      added.push(name);
      return original(name, cb);
    }) as typeof engine.addOperator;
    installOperators(engine);
    expect(added.sort()).toEqual(Object.keys(DECIMAL_OPERATORS).sort());
  });

  it('gives the same explanation, byte for byte, for every case of every case file', async () => {
    let compared = 0;
    const differ: string[] = [];
    for (const file of files) {
      for (const c of file.cases) {
        const facts: Record<string, unknown> = { ...file.defaults.facts };
        for (const [k, v] of Object.entries(c.facts ?? {})) {
          if (v === null) delete facts[k];
          else facts[k] = v;
        }
        const inputs = { program: file.program, beneficiary: (c.beneficiary ?? file.defaults.beneficiary)!, applicationDate: (c.applicationDate ?? file.defaults.applicationDate)!, facts };
        const { reference, compiled } = await compare(adjudicator, inputs, c.used ?? {});
        compared++;
        if (reference !== compiled) differ.push(`${file.program}: ${c.name}`);
      }
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(200);
  });

  it(`gives the same explanation for ${PERTURBED} seeded applications perturbed from the case files`, async () => {
    const samples = sampleApplications(catalog, files, PERTURBED, 20251128);
    const differ: string[] = [];
    const outcomes = new Map<string, number>();
    let errors = 0;
    for (const s of samples) {
      const { reference, compiled } = await compare(adjudicator, s.inputs, s.used);
      if (reference !== compiled) {
        if (differ.length < 5) differ.push(`${JSON.stringify(s)}\n  reference: ${reference.slice(0, 400)}\n  compiled:  ${compiled.slice(0, 400)}`);
        else differ.push('…');
        continue;
      }
      if (reference.startsWith('error:')) errors++;
      else {
        const outcome = (JSON.parse(reference) as { outcome: string }).outcome;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }
    expect(differ.slice(0, 6)).toEqual([]);
    // the set reaches every outcome, and some inputs the engines refuse the same way
    expect([...outcomes.keys()].sort()).toEqual(['approved', 'needs-information', 'partial', 'rejected']);
    expect(errors).toBeLessThan(PERTURBED / 5);
  }, 600_000);

  it(`gives the same verdicts, failing conditions and trees for ${TREES} random trees over every registered operator`, async () => {
    const cases: SyntheticCase[] = randomConditionPrograms(TREES, 7, Object.keys(DECIMAL_OPERATORS));
    const differ: string[] = [];
    const seen = new Map<string, Set<string>>();
    for (const c of cases) {
      const a = new Adjudicator(c.programs, catalog.facts);
      const { reference, compiled } = await compare(a, c.inputs, {});
      if (reference !== compiled) {
        let at = 0;
        while (reference[at] === compiled[at]) at++;
        if (differ.length < 5) differ.push(`${JSON.stringify(c.tree)} facts ${JSON.stringify(c.inputs.facts)}\n  reference: …${reference.slice(at - 300, at + 200)}\n  compiled:  …${compiled.slice(at - 300, at + 200)}`);
        continue;
      }
      const walk = (n: { kind: string; operator?: string; result: string; children?: unknown[] }) => {
        if (n.kind === 'condition') {
          const s = seen.get(n.operator!) ?? new Set();
          s.add(n.result);
          seen.set(n.operator!, s);
        }
        (n.children as (typeof n)[] | undefined)?.forEach(walk);
      };
      if (!reference.startsWith('error:')) walk((JSON.parse(reference) as { conditions: Parameters<typeof walk>[0] }).conditions);
    }
    expect(differ).toEqual([]);
    // every registered operator passed, failed and was unknown at least once
    for (const op of Object.keys(DECIMAL_OPERATORS)) expect([op, [...(seen.get(op) ?? [])].sort()]).toEqual([op, ['fail', 'pass', 'unknown']]);
  }, 600_000);
});
