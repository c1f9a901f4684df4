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
import { ruleIssueZh } from './issue-messages';
import { rulePackSchemaErrors } from './schema-errors';
import type { RuleReloadIssue } from '../schema-types/rule-reload';

/** Every program of rules/, checked at load; a pack with any error stops the load. */
export class ProgramCatalog {
  private readonly byKey = new Map<string, Program>();

  constructor(
    readonly jurisdictions: Jurisdictions,
    readonly facts: FactDictionary,
    programs: readonly Program[],
  ) {
    for (const p of programs) this.byKey.set(p.key, p);
    const [first] = crossCheck(programs, jurisdictions);
    if (first) throw first;
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

/** What is wrong with a rule file: where (file and JSON pointer) and what, in English and Chinese. */
export type RuleIssue = RuleReloadIssue;

export function loadCatalog(registry: SchemaRegistry, dir: string = RULES_DIR): ProgramCatalog {
  const { catalog, errors } = checkRules(registry, dir);
  const first = errors[0];
  if (!first) return catalog!;
  // the first file's errors in one message (a schema error often comes with its neighbours)
  const same = errors.filter((e) => e.file === first.file);
  if (same.length === 1) throw first;
  throw new RulePackError(first.file, first.where, same.map((e) => (e.where && e.where !== first.where ? `(${e.where}) ${e.detail}` : e.detail)).join('; '), first.pointer);
}

/**
 * Loads and checks every pack of a rules folder, collecting every error instead of stopping at
 * the first: schema, the engine's own checks (facts, operators, parameters, expressions),
 * version date ranges (overlaps and gaps) and published versions edited after publication.
 * The catalog is built only when nothing is wrong: a rule set is used whole or not at all.
 */
export function checkRules(registry: SchemaRegistry, dir: string = RULES_DIR): { catalog?: ProgramCatalog; errors: RulePackError[]; issues: RuleIssue[] } {
  const errors: RulePackError[] = [];
  const jurisdictions = divisions(dir);
  const facts = new FactDictionary(registry.documents.get('facts.schema.json')!);
  const programs: Program[] = [];
  for (const code of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const name of readdirSync(join(dir, code), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
      const path = join(dir, code, name, 'pack.json');
      if (!existsSync(path)) continue;
      const program = loadPack(registry, facts, jurisdictions, path, code, name, errors);
      if (program) programs.push(program);
    }
  }
  if (!errors.length) errors.push(...crossCheck(programs, jurisdictions));
  const issues = errors.map(issueOf);
  return { ...(errors.length ? {} : { catalog: new ProgramCatalog(jurisdictions, facts, programs) }), errors, issues };
}

export function issueOf(e: RulePackError): RuleIssue {
  return { file: e.file, pointer: e.pointer, en: e.where ? `${e.where}: ${e.detail}` : e.detail, zh: ruleIssueZh(e.where, e.detail) };
}

/** References between programs: dependencies and top-ups exist, and a top-up's base applies where it does. */
function crossCheck(programs: readonly Program[], jurisdictions: Jurisdictions): RulePackError[] {
  const byKey = new Map(programs.map((p) => [p.key, p]));
  const errors: RulePackError[] = [];
  for (const p of programs) {
    (p.pack.dependsOn ?? []).forEach((d, i) => {
      if (!byKey.has(d.program)) errors.push(new RulePackError(p.file, 'dependsOn', `program ${d.program} does not exist`, `/dependsOn/${i}/program`));
    });
    if (p.pack.topUpOf !== undefined) {
      const base = byKey.get(p.pack.topUpOf);
      if (!base) errors.push(new RulePackError(p.file, 'topUpOf', `program ${p.pack.topUpOf} does not exist`, '/topUpOf'));
      else if (!jurisdictions.chain(p.pack.jurisdiction).includes(base.pack.jurisdiction)) {
        errors.push(new RulePackError(p.file, 'topUpOf', `${p.pack.topUpOf} does not apply in ${p.pack.jurisdiction}`, '/topUpOf'));
      }
    }
    p.versions.forEach((v, i) => {
      const share = p.pack.shareParameter;
      if (share !== undefined && !(share in v.version.parameters)) {
        errors.push(new RulePackError(p.file, `version ${v.version.version}`, `shareParameter "${share}" is not a parameter`, `/versions/${i}/parameters`));
      }
    });
  }
  return errors;
}

function loadPack(
  registry: SchemaRegistry,
  facts: FactDictionary,
  jurisdictions: Jurisdictions,
  path: string,
  code: string,
  name: string,
  errors: RulePackError[],
): Program | undefined {
  const file = relative(PROJECT_ROOT, path);
  const before = errors.length;
  let pack: RulePack;
  try {
    pack = JSON.parse(readFileSync(path, 'utf8')) as RulePack;
  } catch (e) {
    errors.push(new RulePackError(file, '', `is not valid JSON: ${(e as Error).message}`));
    return undefined;
  }
  const schemaErrors = rulePackSchemaErrors(registry, pack);
  if (schemaErrors.length) {
    // one error per field, each with its pointer
    for (const e of schemaErrors) errors.push(new RulePackError(file, '', `${e.pointer || '/'} ${e.detail}`, e.pointer));
    return undefined;
  }
  if (pack.jurisdiction !== code || pack.name !== name) errors.push(new RulePackError(file, '', `lives in ${code}/${name} but declares ${pack.jurisdiction}/${pack.name}`, pack.jurisdiction !== code ? '/jurisdiction' : '/name'));
  if (!jurisdictions.has(code)) errors.push(new RulePackError(file, '', `jurisdiction ${code} is not a division of China known to ${DIVISIONS_PACKAGE} or the overlay rules/jurisdictions.json`, '/jurisdiction'));

  const dateFact = 'fact' in pack.versionDate ? pack.versionDate.fact : 'firstDayOfYearFact' in pack.versionDate ? pack.versionDate.firstDayOfYearFact : undefined;
  if (dateFact !== undefined) {
    const kind = facts.get(dateFact)?.kind;
    const wanted = 'fact' in pack.versionDate ? 'date' : 'year';
    if (kind !== wanted) errors.push(new RulePackError(file, 'versionDate', `"${dateFact}" must be a ${wanted} fact`, `/versionDate/${'fact' in pack.versionDate ? 'fact' : 'firstDayOfYearFact'}`));
  }
  const labels = new Set<string>();
  const versions: ProgramVersion[] = [];
  pack.versions.forEach((v, i) => {
    if (labels.has(v.version)) {
      errors.push(new RulePackError(file, `version ${v.version}`, 'the label repeats', `/versions/${i}/version`));
      return;
    }
    labels.add(v.version);
    try {
      versions.push(compileVersion(file, pack, v, facts, (c) => jurisdictions.has(c)));
    } catch (e) {
      if (!(e instanceof RulePackError)) throw e;
      errors.push(e);
    }
  });
  // A version ends where the next published one starts (or at its own effectiveTo), so adding
  // a version never edits a published one. Published versions may neither overlap nor leave a gap.
  const indexOf = (v: ProgramVersion) => pack.versions.indexOf(v.version);
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
      errors.push(new RulePackError(file, `version ${next.version.version}`, `starts while version ${current.version.version} is still in force (until ${current.version.effectiveTo})`, `/versions/${indexOf(next)}/effectiveFrom`));
    } else if (current.version.effectiveTo !== undefined && current.version.effectiveTo < dayBefore) {
      errors.push(
        new RulePackError(file, `version ${next.version.version}`, `leaves a gap: version ${current.version.version} ends on ${current.version.effectiveTo} and this one starts on ${next.version.effectiveFrom}, so no version is in force between them`, `/versions/${indexOf(next)}/effectiveFrom`),
      );
    }
    current.effectiveUntil = current.version.effectiveTo ?? dayBefore;
  }
  for (const v of versions) if (v.version.status === 'draft') v.effectiveUntil = v.version.effectiveTo;
  if (errors.length > before) return undefined;
  return { key: `${code}/${name}`, file, pack, versions };
}

function previousDay(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A catalog, or where to read the one in force (a rule reload installs a new one). */
export type CatalogSource = ProgramCatalog | (() => ProgramCatalog);

export function catalogReader(source: CatalogSource): () => ProgramCatalog {
  return typeof source === 'function' ? source : () => source;
}
