import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Adjudicator, type ApplicationInputs } from '../adjudication/adjudicator';
import type { Explanation } from '../adjudication/explanation';
import { MemoryLedgers } from '../adjudication/memory-ledgers';
import { toDecimal, toFen } from '../money/decimal';
import { RULES_DIR } from '../paths';
import type { SchemaRegistry } from '../validation/schema-registry';
import type { ProgramCatalog } from './catalog';
import type { CaseFile } from '../schema-types/case-file';

/** A rule pack's cases file: schemas/case-file.schema.json. */
export type { CaseFile };
export type PackCase = CaseFile['cases'][number];

export function readCaseFile(registry: SchemaRegistry, programKey: string, dir = RULES_DIR): CaseFile {
  const file = join(dir, programKey, 'cases.json');
  const content = JSON.parse(readFileSync(file, 'utf8')) as CaseFile;
  const errors = registry.validate('case-file.schema.json', content);
  if (errors.length) throw new Error(`${file}: ${errors.map((e) => `${e.pointer} ${e.detail}`).join('; ')}`);
  if (content.program !== programKey) throw new Error(`${file}: names program ${content.program}`);
  return content;
}

/** Runs one case against the catalog; returns what differs from what it expects (empty: pass). */
export async function runCase(catalog: ProgramCatalog, registry: SchemaRegistry, file: CaseFile, c: PackCase): Promise<{ explanation: Explanation; problems: string[] }> {
  const facts: Record<string, unknown> = { ...file.defaults.facts };
  for (const [k, v] of Object.entries(c.facts ?? {})) {
    if (v === null) delete facts[k];
    else facts[k] = v;
  }
  const inputs: ApplicationInputs = {
    program: file.program,
    beneficiary: (c.beneficiary ?? file.defaults.beneficiary)!,
    applicationDate: (c.applicationDate ?? file.defaults.applicationDate)!,
    facts,
  };
  const problems: string[] = [];
  for (const e of registry.validate('application.schema.json', inputs)) problems.push(`input ${e.pointer} ${e.detail}`);
  const used = c.used ?? {};
  const ledgers = new MemoryLedgers((ledger) => {
    const capId = ledger.split('|')[1]!;
    const v = used[capId];
    if (v === undefined) return 0;
    return typeof v === 'number' ? v : toFen(toDecimal(v)!);
  });
  const explanation = await new Adjudicator(catalog, catalog.facts).decide(inputs, { ledgers, holder: 'case', includeDrafts: true });
  const x = c.expect;
  const eq = (what: string, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  eq('outcome', explanation.outcome, x.outcome);
  if (x.amount !== undefined) eq('amount', explanation.amount, x.amount);
  if (x.version !== undefined) eq('version', explanation.version?.version ?? null, x.version);
  if (x.failing !== undefined) eq('failing', [...new Set(explanation.failingConditions.map((f) => f.fact))].sort(), [...x.failing].sort());
  if (x.missing !== undefined) eq('missing', explanation.missingFacts, [...x.missing].sort());
  if (x.cut !== undefined) {
    eq('cut', Object.fromEntries(explanation.caps.filter((k) => k.cut !== '0.00').map((k) => [k.id, k.cut])), x.cut);
  }
  for (const [id, value] of Object.entries(x.steps ?? {})) {
    const all = [...explanation.calculation, ...explanation.dependencies.flatMap((d) => d.explanation.calculation)];
    eq(`step ${id}`, all.find((s) => s.id === id)?.result, value);
  }
  if (x.reason !== undefined && !explanation.reasons.some((r) => r.code === x.reason)) problems.push(`reason: expected ${x.reason}, got ${explanation.reasons.map((r) => r.code).join(', ')}`);
  return { explanation, problems };
}
