import type { ApplicationInputs } from '../../src/adjudication/adjudicator';
import type { Program, ProgramVersion } from '../../src/rules/compiled';
import type { Condition, ConditionValue, LeafCondition, Parameter, RulePack } from '../../src/rules/pack-types';
import { pick, seededRandom } from '../../src/engine/samples';

/**
 * Random determination programs whose eligibility is a random tree over the given operators:
 * literals, parameters and facts on the right, paths into dependency-like objects, facts of
 * every type, of the wrong type, or missing.
 */
export interface SyntheticCase {
  tree: Condition;
  programs: { get(key: string): Program | undefined };
  inputs: ApplicationInputs;
}

const VALUES = [
  '100', '100.00', '99.99', '100.01', 100, 0, '0', '-0', '-1', '1e5', 'abc', '', true, false, null, 12.5, 2 ** 60,
  '2025-01-01', '2025-01-02', '2024-12-31', '440106', '440100', '440000', 440106, 'CN',
  ['440106', '440100'], ['a', 'b'], [1, '2'] as unknown as string[], [], ['100'], ['2025-01-01'], [true] as unknown as string[], ['440000', 'CN'],
] as ConditionValue[];
const FACTS = ['n1', 'n2', 'd1', 'b1', 's1', 'e1', 'c1', 'dep', 'absent'];
const PATHS = ['qualified', 'outcome', '$.qualified', 'nested.code', 'missing'];

function factValue(rnd: () => number): unknown {
  const r = rnd();
  if (r < 0.08) return { qualified: rnd() < 0.5, outcome: pick(rnd, ['approved', 'rejected']), nested: { code: pick(rnd, ['440106', '100', 5]) } };
  if (r < 0.35) return pick(rnd, VALUES.filter(Array.isArray));
  return pick(rnd, VALUES);
}

export function randomConditionPrograms(count: number, seed: number, operators: readonly string[]): SyntheticCase[] {
  const rnd = seededRandom(seed);
  const out: SyntheticCase[] = [];
  for (let i = 0; i < count; i++) {
    const parameters: Record<string, Parameter> = {};
    for (const name of ['p1', 'p2', 'p3']) parameters[name] = { value: pick(rnd, VALUES.filter((v) => v !== null)) as Parameter['value'], provenance: 'assumption', ref: 'test' };
    let leaves = 0;
    const leaf = (): Condition => {
      // every operator in turn, so each is reached as often as the others
      const operator = operators[(i * 3 + leaves++) % operators.length]! as LeafCondition['operator'];
      const fact = pick(rnd, FACTS);
      const r = rnd();
      const value: ConditionValue = r < 0.55 ? pick(rnd, VALUES) : r < 0.8 ? { param: pick(rnd, ['p1', 'p2', 'p3']) } : rnd() < 0.5 ? { fact: pick(rnd, FACTS) } : { fact: 'dep', path: pick(rnd, PATHS) };
      const path = fact === 'dep' && rnd() < 0.7 ? pick(rnd, PATHS) : rnd() < 0.03 ? pick(rnd, PATHS) : undefined;
      return { ...(rnd() < 0.3 ? { id: `c${leaves}` } : {}), fact, ...(path ? { path } : {}), operator, value };
    };
    const node = (depth: number): Condition => {
      const r = rnd();
      if (depth >= 3 || r < 0.45) return leaf();
      if (r < 0.6) return { not: node(depth + 1) };
      const children = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => node(depth + 1));
      return r < 0.8 ? { all: children } : { any: children, ...(rnd() < 0.3 ? { id: 'group', title: { zh: '组', en: 'group' } } : {}) };
    };
    const tree: Condition = rnd() < 0.5 ? { all: [node(1), node(1)] } : { any: [node(1), node(1), node(1)] };
    const facts: Record<string, unknown> = {};
    for (const f of FACTS) if (f !== 'absent' && rnd() < 0.8) facts[f] = factValue(rnd);
    out.push({ tree, programs: programOf(tree as RulePack['versions'][number]['eligibility'], parameters), inputs: { program: 'XX/synthetic', beneficiary: { uscc: '91320594MA1N6QYX2B', name: 'x', jurisdiction: '440106' }, applicationDate: '2025-03-01', facts } });
  }
  return out;
}

function programOf(eligibility: RulePack['versions'][number]['eligibility'], parameters: Record<string, Parameter>) {
  const pack = {
    jurisdiction: 'XX',
    name: 'synthetic',
    title: { zh: '合成', en: 'synthetic' },
    kind: 'determination' as const,
    beneficiary: 'enterprise' as const,
    versionDate: { applicationDate: true as const },
    sources: [{ id: 's', title: 'test', provenance: 'assumption' as const }],
  };
  const version: ProgramVersion = {
    programKey: 'XX/synthetic',
    pack,
    version: { version: '1', status: 'published', effectiveFrom: '2000-01-01', references: ['s'], parameters, eligibility, calculation: [], caps: [] },
    contentHash: 'sha256:x',
    ruleHash: 'sha256:y',
    ruleText: '{}',
    eligibility,
    steps: new Map(),
    caps: [],
  };
  const program: Program = { key: 'XX/synthetic', file: 'synthetic', pack: { ...pack, versions: [version.version] }, versions: [version] };
  return { get: (key: string) => (key === program.key ? program : undefined) };
}
