import { ZenEngine, type ZenDecision } from '@gorules/zen-engine';
import type { Program, ProgramVersion } from '../../src/rules/compiled';
import type { ProgramCatalog } from '../../src/rules/catalog';
import type { FactDictionary } from '../../src/rules/fact-dictionary';
import type { Condition, LeafCondition } from '../../src/rules/pack-types';

/**
 * The programs whose eligibility a GoRules ZEN decision table can express (conditions on
 * plain facts: no calculation steps, no dependencies), each version as one table: a column
 * per condition, a row per way to qualify (the tree in disjunctive normal form), hit policy
 * first, a last row answering false.
 */
export interface ZenProgram {
  program: Program;
  decisions: Map<ProgramVersion, ZenDecision>;
}

function plain(c: Condition, v: ProgramVersion, aliases: Set<string>): boolean {
  if ('all' in c) return c.all.every((x) => plain(x, v, aliases));
  if ('any' in c) return c.any.every((x) => plain(x, v, aliases));
  if ('not' in c) return false;
  const refFact = c.value && typeof c.value === 'object' && !Array.isArray(c.value) && 'fact' in c.value;
  return !refFact && !c.path && !v.steps.has(c.fact) && !aliases.has(c.fact) && !(c.fact in v.version.parameters);
}

/** Each conjunction of leaves that qualifies. */
function dnf(c: Condition): LeafCondition[][] {
  if ('all' in c) return c.all.map(dnf).reduce<LeafCondition[][]>((acc, terms) => acc.flatMap((a) => terms.map((t) => [...a, ...t])), [[]]);
  if ('any' in c) return c.any.flatMap(dnf);
  if ('not' in c) throw new Error('not is not expressed');
  return [[c]];
}

const lit = (v: unknown) => JSON.stringify(v);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function cell(leaf: LeafCondition, params: Record<string, { value: unknown }>): string {
  const value = leaf.value && typeof leaf.value === 'object' && !Array.isArray(leaf.value) && 'param' in leaf.value ? params[leaf.value.param]!.value : leaf.value;
  const num = (x: unknown) => (typeof x === 'string' && !DATE.test(x) && /^-?\d/.test(x) ? x : lit(x));
  const side = (x: unknown) => (typeof x === 'string' && DATE.test(x) ? `date(${lit(x)})` : num(x));
  const self = typeof value === 'string' && DATE.test(value) ? 'date($)' : '$';
  switch (leaf.operator) {
    case 'equal': return `${self} == ${side(value)}`;
    case 'notEqual': return `${self} != ${side(value)}`;
    case 'lessThan': return `${self} < ${side(value)}`;
    case 'lessThanInclusive': return `${self} <= ${side(value)}`;
    case 'greaterThan': return `${self} > ${side(value)}`;
    case 'greaterThanInclusive': return `${self} >= ${side(value)}`;
    case 'in': return `$ in ${lit(value)}`;
    case 'notIn': return `not($ in ${lit(value)})`;
    case 'contains': return `contains($, ${lit(value)})`;
    case 'doesNotContain': return `not(contains($, ${lit(value)}))`;
    case 'containsAny': return `some($, # in ${lit(value)})`;
    default: throw new Error(`operator ${leaf.operator} is not expressed`);
  }
}

function table(v: ProgramVersion) {
  const terms = dnf(v.eligibility);
  const leaves = [...new Set(terms.flat())];
  const inputs = leaves.map((l, i) => ({ id: `i${i}`, name: l.id ?? l.fact, field: l.fact }));
  const rules = terms.map((term, r) => {
    const row: Record<string, string> = { _id: `r${r}`, out: 'true' };
    leaves.forEach((l, i) => (row[`i${i}`] = term.includes(l) ? cell(l, v.version.parameters) : ''));
    return row;
  });
  rules.push({ _id: 'otherwise', out: 'false', ...Object.fromEntries(leaves.map((_, i) => [`i${i}`, ''])) });
  return {
    nodes: [
      { id: 'in', type: 'inputNode', name: 'request', position: { x: 0, y: 0 } },
      { id: 'table', type: 'decisionTableNode', name: 'eligibility', position: { x: 0, y: 0 }, content: { hitPolicy: 'first', inputs, outputs: [{ id: 'out', name: 'eligible', field: 'eligible' }], rules } },
      { id: 'out', type: 'outputNode', name: 'response', position: { x: 0, y: 0 } },
    ],
    edges: [
      { id: 'e1', sourceId: 'in', targetId: 'table', type: 'edge' },
      { id: 'e2', sourceId: 'table', targetId: 'out', type: 'edge' },
    ],
  };
}

export function zenPrograms(catalog: ProgramCatalog): ZenProgram[] {
  const engine = new ZenEngine();
  const out: ZenProgram[] = [];
  for (const program of catalog.all()) {
    const aliases = new Set((program.pack.dependsOn ?? []).map((d) => d.as));
    if (aliases.size || !program.versions.every((v) => plain(v.eligibility, v, aliases))) continue;
    out.push({ program, decisions: new Map(program.versions.map((v) => [v, engine.createDecision(table(v) as never)])) });
  }
  return out;
}

/** The facts as ZEN reads them: JSON numbers where the rules hold decimal text of a numeric fact. */
export function zenInput(facts: Readonly<Record<string, unknown>>, dictionary: FactDictionary): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facts)) out[k] = typeof v === 'string' && dictionary.isNumeric(k) && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  return out;
}
