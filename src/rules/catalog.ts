import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT, RULES_DIR } from '../paths';
import type { SchemaRegistry } from '../validation/schema-registry';
import type { Program, ProgramVersion } from './compiled';
import { DIVISIONS_PACKAGE } from './divisions';
import { FactDictionary } from './fact-dictionary';
import { divisions } from './division-index';
import type { Jurisdictions } from './jurisdictions';
import { compileVersion, RulePackError } from './pack-compiler';
import type { RulePack } from './pack-types';

/** Every program of rules/, checked at load; a pack with any error stops the load. */
export class ProgramCatalog {
  private readonly byKey = new Map<string, Program>();

  constructor(
    readonly jurisdictions: Jurisdictions,
    readonly facts: FactDictionary,
    programs: readonly Program[],
  ) {
    for (const p of programs) this.byKey.set(p.key, p);
    for (const p of programs) {
      for (const d of p.pack.dependsOn ?? []) {
        if (!this.byKey.has(d.program)) throw new RulePackError(p.file, 'dependsOn', `program ${d.program} does not exist`);
      }
      if (p.pack.topUpOf !== undefined) {
        const base = this.byKey.get(p.pack.topUpOf);
        if (!base) throw new RulePackError(p.file, 'topUpOf', `program ${p.pack.topUpOf} does not exist`);
        if (!jurisdictions.chain(p.pack.jurisdiction).includes(base.pack.jurisdiction)) {
          throw new RulePackError(p.file, 'topUpOf', `${p.pack.topUpOf} does not apply in ${p.pack.jurisdiction}`);
        }
      }
      for (const v of p.versions) {
        const share = p.pack.shareParameter;
        if (share !== undefined && !(share in v.version.parameters)) throw new RulePackError(p.file, `version ${v.version.version}`, `shareParameter "${share}" is not a parameter`);
      }
    }
  }

  get(key: string): Program | undefined {
    return this.byKey.get(key);
  }

  all(): Program[] {
    return [...this.byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Programs of a jurisdiction and all its parents, nation first. */
  forJurisdiction(code: string): Program[] {
    const chain = this.jurisdictions.chain(code);
    return this.all()
      .filter((p) => chain.includes(p.pack.jurisdiction))
      .sort((a, b) => chain.indexOf(a.pack.jurisdiction) - chain.indexOf(b.pack.jurisdiction) || a.key.localeCompare(b.key));
  }

  /** Top-ups of a program that apply to a beneficiary registered in `code`. */
  topUpsOf(program: Program, code: string): Program[] {
    return this.all().filter((p) => p.pack.topUpOf === program.key && p.pack.status !== 'draft' && this.appliesIn(p, code));
  }

  appliesIn(program: Program, code: string): boolean {
    return this.jurisdictions.has(code) && this.jurisdictions.chain(code).includes(program.pack.jurisdiction);
  }
}

export function loadCatalog(registry: SchemaRegistry, dir: string = RULES_DIR): ProgramCatalog {
  const jurisdictions = divisions(dir);
  const facts = new FactDictionary(registry.documents.get('facts.schema.json')!);
  const programs: Program[] = [];
  for (const code of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of readdirSync(join(dir, code), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      const path = join(dir, code, name, 'pack.json');
      if (existsSync(path)) programs.push(loadPack(registry, facts, jurisdictions, path, code, name));
    }
  }
  return new ProgramCatalog(jurisdictions, facts, programs);
}

function loadPack(
  registry: SchemaRegistry,
  facts: FactDictionary,
  jurisdictions: Jurisdictions,
  path: string,
  code: string,
  name: string,
): Program {
  const file = relative(PROJECT_ROOT, path);
  let pack: RulePack;
  try {
    pack = JSON.parse(readFileSync(path, 'utf8')) as RulePack;
  } catch (e) {
    throw new RulePackError(file, '', `is not valid JSON: ${(e as Error).message}`);
  }
  const errors = registry.validate('rule-pack.schema.json', pack);
  if (errors.length) throw new RulePackError(file, '', errors.map((e) => `${e.pointer || '/'} ${e.detail}`).join('; '));
  if (pack.jurisdiction !== code || pack.name !== name) throw new RulePackError(file, '', `lives in ${code}/${name} but declares ${pack.jurisdiction}/${pack.name}`);
  if (!jurisdictions.has(code)) throw new RulePackError(file, '', `jurisdiction ${code} is not a division of China known to ${DIVISIONS_PACKAGE} or the overlay rules/jurisdictions.json`);

  const dateFact = 'fact' in pack.versionDate ? pack.versionDate.fact : 'firstDayOfYearFact' in pack.versionDate ? pack.versionDate.firstDayOfYearFact : undefined;
  if (dateFact !== undefined) {
    const kind = facts.get(dateFact)?.kind;
    const wanted = 'fact' in pack.versionDate ? 'date' : 'year';
    if (kind !== wanted) throw new RulePackError(file, 'versionDate', `"${dateFact}" must be a ${wanted} fact`);
  }
  const labels = new Set<string>();
  const versions: ProgramVersion[] = pack.versions.map((v) => {
    if (labels.has(v.version)) throw new RulePackError(file, `version ${v.version}`, 'the label repeats');
    labels.add(v.version);
    return compileVersion(file, pack, v, facts, (c) => jurisdictions.has(c));
  });
  // A version ends where the next published one starts (or at its own effectiveTo), so adding
  // a version never edits a published one.
  const published = versions.filter((v) => v.version.status === 'published').sort((a, b) => a.version.effectiveFrom.localeCompare(b.version.effectiveFrom));
  for (let i = 0; i < published.length; i++) {
    const current = published[i]!;
    const next = published[i + 1];
    if (!next) {
      current.effectiveUntil = current.version.effectiveTo;
      continue;
    }
    const dayBefore = previousDay(next.version.effectiveFrom);
    if (current.version.effectiveTo !== undefined && current.version.effectiveTo > dayBefore) {
      throw new RulePackError(file, `version ${next.version.version}`, `starts while version ${current.version.version} is still in force (until ${current.version.effectiveTo})`);
    }
    current.effectiveUntil = current.version.effectiveTo ?? dayBefore;
  }
  for (const v of versions) if (v.version.status === 'draft') v.effectiveUntil = v.version.effectiveTo;
  return { key: `${code}/${name}`, file, pack, versions };
}

function previousDay(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
