import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCheckCharacter } from '../../src/adjudication/uscc';
import { RULES_DIR } from '../../src/paths';
import type { ProgramCatalog } from '../../src/rules/catalog';

/**
 * Synthetic enterprise profiles for matching tests and the matching benchmark: each enterprise
 * of one of the shipped jurisdictions gets the facts the enterprise programs of its chain read
 * (taken from their case files), perturbed with a seeded generator — amounts scaled, counts
 * moved, booleans flipped, some facts left out — so every outcome occurs.
 */
export const JURISDICTIONS = ['320571', '320505', '320506', '340100', '440112', '440106', '440100'];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function caseFacts(catalog: ProgramCatalog, jurisdiction: string): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const p of catalog.forJurisdiction(jurisdiction)) {
    if (p.pack.status === 'draft' || p.pack.beneficiary !== 'enterprise') continue;
    const cases = JSON.parse(readFileSync(join(RULES_DIR, p.key, 'cases.json'), 'utf8')) as { defaults?: { facts?: Record<string, unknown> } };
    Object.assign(facts, cases.defaults?.facts ?? {});
  }
  return facts;
}

export function syntheticUscc(i: number, jurisdiction: string): string {
  return withCheckCharacter(`91${jurisdiction}MA${String(i).padStart(7, '0')}`);
}

/** Perturbs facts in place of their kind (money, counts, booleans), dropping some. */
export function perturb(catalog: ProgramCatalog, facts: Record<string, unknown>, random: () => number, dropRate = 0.08): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(facts)) {
    if (random() < dropRate) continue;
    const kind = catalog.facts.get(name)?.kind;
    if (kind === 'money' && typeof value === 'string') out[name] = String(Math.round(Number(value) * (0.2 + random() * 2)));
    else if (kind === 'count' && typeof value === 'number') out[name] = Math.max(0, Math.round(value * (0.3 + random() * 1.6)));
    else if (typeof value === 'boolean') out[name] = random() < 0.12 ? !value : value;
    else out[name] = value;
  }
  return out;
}

export interface SyntheticRow {
  beneficiary: { uscc: string; name: string; jurisdiction: string };
  validFor: string;
  facts: Record<string, unknown>;
}

/** `n` enterprises, spread over the shipped jurisdictions, with facts valid for `validFor`. */
export function syntheticProfiles(catalog: ProgramCatalog, n: number, seed = 15, validFor = '2025-01-31', from = 0): SyntheticRow[] {
  const random = rng(seed);
  const templates = new Map(JURISDICTIONS.map((j) => [j, caseFacts(catalog, j)]));
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const jurisdiction = JURISDICTIONS[i % JURISDICTIONS.length]!;
    return { beneficiary: { uscc: syntheticUscc(i, jurisdiction), name: `合成企业${i}`, jurisdiction }, validFor, facts: perturb(catalog, templates.get(jurisdiction)!, random) };
  });
}

/** A later batch changing some facts of the given enterprises (a new tax year's figures). */
export function changedFacts(catalog: ProgramCatalog, rows: SyntheticRow[], seed = 99, validFor = '2025-04-30'): SyntheticRow[] {
  const random = rng(seed);
  return rows.map((r) => ({ beneficiary: r.beneficiary, validFor, facts: perturb(catalog, Object.fromEntries(Object.entries(r.facts).filter(([, v]) => typeof v === 'string' && /^[0-9]+$/.test(v))), random, 0) }));
}

export const jsonLines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');
