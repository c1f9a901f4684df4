import type { ProgramVersion } from '../rules/compiled';
import type { FactDictionary } from '../rules/fact-dictionary';
import { factsOf } from '../rules/program-facts';
import type { Explanation as GeneratedExplanation } from '../schema-types/explanation';

/** Where a verified fact comes from: a batch of a source (a department or system), valid for a date. */
export interface FactOrigin {
  source: string;
  batch: string;
  validFor: string;
  receivedAt: string;
}

/** What an application's facts rest on: the profile it referred to, and the facts taken from it. */
export interface InputProvenance {
  profile: { uscc: string; asOf: string } | null;
  /** Facts taken from the profile; every other stated fact is self-declared. */
  verified: Record<string, FactOrigin>;
}

export type FactProvenance = { fact: string; origin: 'self-declared' } | ({ fact: string; origin: 'verified' } & FactOrigin);

/**
 * The explanation's provenance section: which fact the decision read was verified, and from where.
 * Narrower than schemas/explanation.schema.json's: a verified fact always names its source, batch and dates.
 */
export type ProvenanceSection = Omit<NonNullable<GeneratedExplanation['provenance']>, 'facts'> & { facts: FactProvenance[] };

const reads = new WeakMap<ProgramVersion, string[]>();

/** Every fact a version reads (conditions, calculation, caps), computed once per version. */
export function factsRead(version: ProgramVersion, dictionary: FactDictionary): string[] {
  let names = reads.get(version);
  if (!names) {
    names = factsOf(version, dictionary).filter((f) => f.presence !== 'supplied').map((f) => f.name);
    reads.set(version, names);
  }
  return names;
}

/**
 * The provenance of the facts a version reads, when the application has any (it referred to a
 * profile) or the version requires verified facts; undefined otherwise, so a decision without
 * either is unchanged. A fact the version requires verified but the application only declares
 * is removed from `facts`: the decision treats it as missing.
 */
export function applyProvenance(version: ProgramVersion, stated: Readonly<Record<string, unknown>>, provenance: InputProvenance | undefined, facts: Record<string, unknown>, dictionary: FactDictionary): ProvenanceSection | undefined {
  const required = version.version.verifiedFacts ?? [];
  if (!provenance && !required.length) return undefined;
  const verified = provenance?.verified ?? {};
  const list: FactProvenance[] = factsRead(version, dictionary)
    .filter((f) => stated[f] !== undefined)
    .map((fact) => (verified[fact] ? { fact, origin: 'verified' as const, ...verified[fact]! } : { fact, origin: 'self-declared' as const }));
  const unverified = required.filter((f) => stated[f] !== undefined && !verified[f]);
  for (const f of unverified) delete facts[f];
  return { profile: provenance?.profile ?? null, facts: list, verifiedRequired: [...required], unverified };
}

/** Whether every fact the version read was verified (what a grant without application needs). */
export function allVerified(section: ProvenanceSection | undefined): boolean {
  return section !== undefined && section.facts.length > 0 && section.facts.every((f) => f.origin === 'verified');
}
