import type { ApplicationInputs } from '../adjudication/adjudicator';
import type { CaseFile } from '../rules/case-runner';
import type { ProgramCatalog } from '../rules/catalog';
import type { Program } from '../rules/compiled';
import type { FactDictionary } from '../rules/fact-dictionary';
import type { Condition } from '../rules/pack-types';
import { factsRead } from './compiled-conditions';

/**
 * Seeded synthetic applications for the differential test and the engine benchmark: the case
 * files' applications with facts perturbed — removed (missing facts), set to the constants the
 * rules compare against and their neighbours (boundaries), to other values of the fact's kind,
 * and now and then to a value of the wrong type.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

export interface SampleApplication {
  inputs: ApplicationInputs;
  /** What each cap of the program has used before (fen or grants), by cap id. */
  used: Record<string, number>;
}

interface ProgramFacts {
  program: Program;
  file: CaseFile;
  facts: string[];
  constants: Map<string, unknown[]>;
  capIds: string[];
}

function conditionConstants(c: Condition, params: Record<string, { value: unknown }>, out: Map<string, unknown[]>): void {
  if ('all' in c) c.all.forEach((x) => conditionConstants(x, params, out));
  else if ('any' in c) c.any.forEach((x) => conditionConstants(x, params, out));
  else if ('not' in c) conditionConstants(c.not, params, out);
  else {
    const v = c.value && typeof c.value === 'object' && !Array.isArray(c.value) ? ('param' in c.value ? params[c.value.param]?.value : undefined) : c.value;
    if (v === undefined) return;
    const list = out.get(c.fact) ?? [];
    if (Array.isArray(v)) list.push(...v, v);
    else list.push(v);
    out.set(c.fact, list);
  }
}

function describe(catalog: ProgramCatalog, program: Program, file: CaseFile): ProgramFacts {
  const names = new Set<string>(Object.keys(file.defaults.facts ?? {}));
  const constants = new Map<string, unknown[]>();
  const capIds = new Set<string>();
  const visit = (p: Program) => {
    if ('fact' in p.pack.versionDate) names.add(p.pack.versionDate.fact);
    if ('firstDayOfYearFact' in p.pack.versionDate) names.add(p.pack.versionDate.firstDayOfYearFact);
    for (const v of p.versions) {
      factsRead(v.eligibility, names);
      conditionConstants(v.eligibility, v.version.parameters, constants);
      for (const s of v.steps.values()) {
        if (s.kind === 'expr') s.expr.symbols.forEach((x) => names.add(x));
        else {
          names.add(s.input);
          for (const r of s.rows) {
            const list = constants.get(s.input) ?? [];
            list.push(r.match.atLeast ?? r.match.equals ?? r.match.includes);
            constants.set(s.input, list);
            r.value.symbols.forEach((x) => names.add(x));
          }
        }
      }
      for (const { cap, limit } of v.caps) {
        capIds.add(cap.id);
        cap.per.forEach((x) => names.add(x));
        cap.distinctBy?.forEach((x) => names.add(x));
        if (cap.period !== 'lifetime') names.add('yearFact' in cap.period ? cap.period.yearFact : cap.period.yearOfDateFact);
        limit.symbols.forEach((x) => names.add(x));
      }
    }
    for (const d of p.pack.dependsOn ?? []) visit(catalog.get(d.program)!);
  };
  visit(program);
  const facts = [...names].filter((n) => catalog.facts.get(n) !== undefined && n !== 'applicationDate' && n !== 'beneficiaryJurisdiction');
  return { program, file, facts, constants, capIds: [...capIds] };
}

const CODES = ['CN', '320000', '320500', '320505', '320571', '320506', '410000', '410300', '440100', '440106', '440112', '340100', '110000', '999999'];

function neighbours(v: unknown): unknown[] {
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    const step = v.includes('.') ? 0.01 : 1;
    return [v, (n - step).toFixed(v.includes('.') ? 2 : 0), (n + step).toFixed(v.includes('.') ? 2 : 0), `${v}${v.includes('.') ? '0' : '.00'}`];
  }
  if (typeof v === 'number') return [v, v - 1, v + 1];
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(v + 'T00:00:00Z');
    const day = (k: number) => new Date(d.getTime() + k * 86_400_000).toISOString().slice(0, 10);
    return [v, day(-1), day(1)];
  }
  return [v];
}

function valueOfKind(rnd: () => number, dict: FactDictionary, name: string, base: unknown, constants: unknown[]): unknown {
  const def = dict.get(name)!;
  const r = rnd();
  if (constants.length && r < 0.4) return pick(rnd, neighbours(pick(rnd, constants)));
  switch (def.kind) {
    case 'money':
    case 'decimal':
      return pick(rnd, ['0', '0.01', '1', '99999.99', '100000', '300000', '1000000', '5000000.5', '20000000', '200000000', '200000000.01', String(Math.floor(rnd() * 1e9) / 100)]);
    case 'ratio':
      return pick(rnd, ['0', '0.01', '0.03', '0.0345', '0.0435', '0.05', '0.1', '0.5', '1', (rnd() * 0.2).toFixed(4)]);
    case 'count':
      return pick(rnd, [0, 1, 2, 3, 5, 10, 50, 100, 500, 501, Math.floor(rnd() * 1000)]);
    case 'year':
      return pick(rnd, [2016, 2017, 2018, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    case 'date':
      return pick(rnd, ['2016-12-31', '2018-01-01', '2020-06-30', '2021-01-01', '2023-10-01', '2024-12-31', '2025-03-01', '2025-09-30', '2025-10-01']);
    case 'boolean':
      return rnd() < 0.5;
    case 'enum':
      return pick(rnd, def.values ?? ['x']);
    case 'set': {
      const values = def.values ?? [];
      return values.filter(() => rnd() < 0.3);
    }
    case 'jurisdictionCode':
      return pick(rnd, CODES);
    default:
      return base;
  }
}

const WRONG = ['abc', '', '1e5', '-0', 0.5, true, false, null, [], ['a'], 12345678901234567890, '2025-13-01'];

export function sampleApplications(catalog: ProgramCatalog, files: readonly CaseFile[], count: number, seed: number): SampleApplication[] {
  const rnd = seededRandom(seed);
  const programs = files.map((f) => describe(catalog, catalog.get(f.program)!, f));
  const out: SampleApplication[] = [];
  for (let i = 0; i < count; i++) {
    const p = programs[i % programs.length]!;
    const c = rnd() < 0.7 ? pick(rnd, p.file.cases) : undefined;
    const facts: Record<string, unknown> = { ...p.file.defaults.facts };
    for (const [k, v] of Object.entries(c?.facts ?? {})) {
      if (v === null) delete facts[k];
      else facts[k] = v;
    }
    const changes = Math.floor(rnd() * 4);
    for (let j = 0; j < changes; j++) {
      const name = pick(rnd, p.facts);
      const r = rnd();
      if (r < 0.15) delete facts[name];
      else if (r < 0.18) facts[name] = pick(rnd, WRONG);
      else facts[name] = valueOfKind(rnd, catalog.facts, name, facts[name], p.constants.get(name) ?? []);
    }
    const beneficiary = { ...(c?.beneficiary ?? p.file.defaults.beneficiary)! };
    if (rnd() < 0.2) beneficiary.jurisdiction = pick(rnd, CODES.filter((x) => catalog.jurisdictions.has(x)));
    const used: Record<string, number> = {};
    for (const id of p.capIds) if (rnd() < 0.3) used[id] = pick(rnd, [0, 1, 2, 100, 29_999_999, 30_000_000, 99_999_999, 1_000_000_000]);
    out.push({
      inputs: { program: p.program.key, beneficiary, applicationDate: (c?.applicationDate ?? p.file.defaults.applicationDate)!, facts },
      used,
    });
  }
  return out;
}
