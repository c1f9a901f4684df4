import type { ProgramCatalog } from '../rules/catalog';
import type { Program } from '../rules/compiled';
import { notFound } from './errors';
import { factsOf } from '../rules/program-facts';

/** The program listing: identity, versions, dates, and which parameters are assumptions. */
export function programSummary(p: Program) {
  return {
    key: p.key,
    jurisdiction: p.pack.jurisdiction,
    name: p.pack.name,
    title: p.pack.title,
    kind: p.pack.kind,
    beneficiary: p.pack.beneficiary,
    status: p.pack.status ?? 'active',
    versionDate: p.pack.versionDate,
    dependsOn: p.pack.dependsOn ?? [],
    versions: p.versions.map((v) => ({
      version: v.version.version,
      status: v.version.status,
      effectiveFrom: v.version.effectiveFrom,
      effectiveUntil: v.effectiveUntil ?? null,
      contentHash: v.contentHash,
      ruleHash: v.ruleHash,
      assumptions: Object.entries(v.version.parameters).filter(([, x]) => x.provenance === 'assumption').map(([k]) => k),
    })),
  };
}

export function listPrograms(catalog: ProgramCatalog, jurisdiction?: string) {
  const programs = jurisdiction ? catalog.forJurisdiction(jurisdiction) : catalog.all();
  return { programs: programs.map(programSummary) };
}

export function programVersion(catalog: ProgramCatalog, jurisdiction: string, name: string, version: string) {
  const program = catalog.get(`${jurisdiction}/${name}`);
  if (!program) throw notFound(`no program ${jurisdiction}/${name}`);
  const v = program.versions.find((x) => x.version.version === version);
  if (!v) throw notFound(`${jurisdiction}/${name} has no version ${version}`);
  return { program: programSummary(program), rules: v.version, ruleHash: v.ruleHash, effectiveUntil: v.effectiveUntil ?? null, facts: factsOf(v, catalog.facts) };
}

/** A program with, for each version, the facts it reads and what makes two applications one claim. */
export function programDetail(catalog: ProgramCatalog, jurisdiction: string, name: string) {
  const program = catalog.get(`${jurisdiction}/${name}`);
  if (!program) throw notFound(`no program ${jurisdiction}/${name}`);
  const summary = programSummary(program);
  return {
    ...summary,
    topUpOf: program.pack.topUpOf ?? null,
    versions: summary.versions.map((s, i) => {
      const v = program.versions[i]!;
      return { ...s, claim: v.version.claim ?? null, facts: factsOf(v, catalog.facts) };
    }),
  };
}
