import type { ProgramCatalog } from '../rules/catalog';
import type { Program, ProgramVersion } from '../rules/compiled';
import { compileVersion } from '../rules/pack-compiler';
import type { RulePack } from '../rules/pack-types';
import type { Models } from '../store/models';
import { RuleVersionsRepository, type Repositories } from '../store/repositories';

/**
 * The rule versions the service has loaded, stored by hash so a decision can be re-read and
 * re-run against the exact text it was made with. A published version that the database knows
 * with another content hash refuses to start the service.
 */
export async function recordRuleVersions(models: Models, catalog: ProgramCatalog): Promise<void> {
  const stored = ruleVersionsOf(models);
  for (const program of catalog.all()) {
    for (const v of program.versions) {
      if (v.version.status === 'published') {
        const known = await stored.publishedOtherwise(program.key, v.version.version, v.contentHash);
        if (known) {
          throw new Error(`${program.file}: version ${v.version.version} was published as ${known.contentHash} and now hashes to ${v.contentHash}; published versions are immutable`);
        }
      }
      await stored.insertOnce({ _id: v.ruleHash, program: program.key, version: v.version.version, status: v.version.status, contentHash: v.contentHash, text: v.ruleText, firstSeenAt: new Date() });
    }
  }
}

/** Rebuilds a program holding exactly one stored version, for re-running a decision. */
export async function storedProgram(stores: Pick<Repositories, 'ruleVersions'>, catalog: ProgramCatalog, ruleHash: string, effectiveUntil: string | null): Promise<{ program: Program; version: ProgramVersion } | undefined> {
  const doc = await stores.ruleVersions.get(ruleHash);
  if (!doc) return undefined;
  const { version, ...header } = JSON.parse(doc.text) as Omit<RulePack, 'versions'> & { version: RulePack['versions'][number] };
  const pack: RulePack = { ...header, versions: [version] };
  const compiled = compileVersion(`stored rule ${ruleHash}`, pack, version, catalog.facts);
  if (effectiveUntil !== null) compiled.effectiveUntil = effectiveUntil;
  return { program: { key: compiled.programKey, file: `stored rule ${ruleHash}`, pack, versions: [compiled] }, version: compiled };
}

function ruleVersionsOf(models: Models): RuleVersionsRepository {
  return new RuleVersionsRepository(models.ruleVersions as never);
}
