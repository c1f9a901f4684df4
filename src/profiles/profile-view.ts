import type { ProfileEntryDoc } from '../store/profile-models';
import type { ProfilesOrigin, ProfilesProfile } from '../schema-types/profiles';

/** Where a verified fact comes from (schemas/profiles.schema.json#/$defs/origin). */
export type FactOrigin = ProfilesOrigin;

/** An enterprise's profile as of a date: schemas/profiles.schema.json#/$defs/profile. */
export type ProfileView = ProfilesProfile;

/** Entries oldest first: by the date they are valid for, then receipt, then source and batch (a total order). */
export function byValidity(a: ProfileEntryDoc, b: ProfileEntryDoc): number {
  return a.validFor.localeCompare(b.validFor) || a.receivedAt.getTime() - b.receivedAt.getTime() || a.source.localeCompare(b.source) || a.batch.localeCompare(b.batch);
}

/**
 * The profile as of a date: each fact from the latest entry valid on or before it (a later
 * receipt wins a tie); entries valid after the date are listed but not applied. Nothing is
 * overwritten: an earlier date reads the earlier values. Undefined when no entry applies.
 */
export function profileAsOf(entries: ProfileEntryDoc[], asOf: string): ProfileView | undefined {
  const sorted = [...entries].sort(byValidity);
  const applied = sorted.filter((e) => e.validFor <= asOf);
  if (!applied.length) return undefined;
  const facts: Record<string, unknown> = {};
  const origins: Record<string, FactOrigin> = {};
  for (const e of applied) {
    for (const [name, value] of Object.entries(e.facts)) {
      facts[name] = value;
      origins[name] = { source: e.source, batch: e.batch, validFor: e.validFor, receivedAt: e.receivedAt.toISOString(), ...(e.selfDeclared ? { selfDeclared: true as const } : {}) };
    }
  }
  const latest = applied.at(-1)!;
  const sortedFacts = Object.fromEntries(Object.keys(facts).sort().map((k) => [k, facts[k]]));
  const sortedOrigins = Object.fromEntries(Object.keys(origins).sort().map((k) => [k, origins[k]!]));
  return {
    beneficiary: { uscc: latest.uscc, name: latest.name, jurisdiction: latest.jurisdiction },
    asOf,
    facts: sortedFacts,
    origins: sortedOrigins,
    entries: sorted.map((e) => ({ source: e.source, batch: e.batch, validFor: e.validFor, receivedAt: e.receivedAt.toISOString(), applied: e.validFor <= asOf })),
  };
}

/** The profile's facts that count as verified (not from a batch of the enterprise's own declarations). */
export function verifiedOrigins(view: ProfileView): Record<string, FactOrigin> {
  return Object.fromEntries(Object.entries(view.origins).filter(([, o]) => !o.selfDeclared));
}
