import type { ProgramVersion } from './compiled';
import type { FactDictionary, FactKind } from './fact-dictionary';
import type { Condition } from './pack-types';
import type { ResourcesFactUse } from '../schema-types/resources';

/** One fact a version reads, as GET /v1/programs/{jurisdiction}/{name} describes it. */
// Narrower than schemas/resources.schema.json#/$defs/factUse: the type is one of the dictionary's kinds.
export type FactUse = Omit<ResourcesFactUse, 'type' | 'values'> & { type: FactKind; values?: readonly string[] };

const UNITS: Partial<Record<FactKind, string>> = {
  money: 'yuan (CNY), decimal string',
  ratio: 'fraction as a decimal string (0.05 = 5%)',
  decimal: 'decimal string',
  count: 'integer',
  year: 'calendar year',
  date: 'date (YYYY-MM-DD)',
  jurisdictionCode: 'division code (GB/T 2260)',
  uscc: 'unified social credit code (GB 32100)',
  identifier: 'identifier',
};
const SUPPLIED = new Set(['applicationDate', 'beneficiaryJurisdiction']);

/** Every fact a version reads, with where: the full list an applicant may need to state. */
export function factsOf(version: ProgramVersion, dictionary: FactDictionary): FactUse[] {
  const uses = new Map<string, Set<string>>();
  const use = (name: string, where: string) => {
    if (!dictionary.get(name)) return; // a parameter, a step or a dependency
    if (!uses.has(name)) uses.set(name, new Set());
    uses.get(name)!.add(where);
  };
  const vd = version.pack.versionDate;
  if ('fact' in vd) use(vd.fact, 'versionDate');
  if ('firstDayOfYearFact' in vd) use(vd.firstDayOfYearFact, 'versionDate');
  const walk = (c: Condition, path: string) => {
    const here = c.id ? `eligibility/${c.id}` : path;
    if ('all' in c) c.all.forEach((x, i) => walk(x, `${path}/all/${i}`));
    else if ('any' in c) c.any.forEach((x, i) => walk(x, `${path}/any/${i}`));
    else if ('not' in c) walk(c.not, `${path}/not`);
    else {
      use(c.fact, here);
      if (c.value && typeof c.value === 'object' && !Array.isArray(c.value) && 'fact' in c.value) use(c.value.fact, here);
    }
  };
  walk(version.eligibility, 'eligibility');
  for (const step of version.steps.values()) {
    const exprs = step.kind === 'expr' ? [step.expr] : [...step.rows.map((r) => r.value), ...(step.otherwise ? [step.otherwise] : [])];
    if (step.kind === 'lookup') use(step.input, `calculation/${step.id}`);
    for (const e of exprs) for (const s of e.symbols) use(s, `calculation/${step.id}`);
  }
  for (const { cap, limit } of version.caps) {
    for (const p of [...cap.per, ...(cap.distinctBy ?? [])]) use(p, `caps/${cap.id}`);
    if (cap.period !== 'lifetime') use('yearFact' in cap.period ? cap.period.yearFact : cap.period.yearOfDateFact, `caps/${cap.id}`);
    for (const s of limit.symbols) use(s, `caps/${cap.id}`);
  }
  const defaults = version.version.defaults ?? {};
  return [...uses]
    .map(([name, where]) => {
      const def = dictionary.get(name)!;
      const [zh, en] = def.title.includes(' / ') ? def.title.split(' / ') : [def.title, def.title];
      const d = defaults[name];
      return {
        name,
        type: def.kind,
        unit: UNITS[def.kind] ?? null,
        title: { zh: zh!, en: en! },
        ...(def.values ? { values: def.values } : {}),
        presence: SUPPLIED.has(name) ? ('supplied' as const) : d ? ('defaulted' as const) : ('required' as const),
        ...(d ? { default: { value: d.value, ref: d.ref } } : {}),
        usedIn: [...where],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
