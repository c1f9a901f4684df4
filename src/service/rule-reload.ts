import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { checkRules, type ProgramCatalog, type RuleIssue } from '../rules/catalog';
import type { Models } from '../store/models';
import type { SchemaRegistry } from '../validation/schema-registry';
import { recordRuleVersions } from './rule-versions';
import type { RuleReloadEvent, RuleReloadVersionRef } from '../schema-types/rule-reload';

/** One version of one program as a load saw it: schemas/rule-reload.schema.json#/$defs/versionRef. */
export type VersionRef = RuleReloadVersionRef;

/** Who or what made the service (re)load its rules. */
export type RuleLoadTrigger = RuleLoadEvent['trigger'];

/**
 * A load, reload or refused reload of the rule files: who or what triggered it, and which
 * versions (with their hashes) appeared, changed or went away compared with the set served
 * before; a refused reload lists every error and changes nothing (schemas/rule-reload.schema.json#/$defs/event).
 */
export type RuleLoadEvent = RuleReloadEvent;

/**
 * Where rule-load events go. Today a collection of their own (src/store/rule-load-events.ts);
 * the general audit log can take them by implementing this one method.
 */
export interface RuleLoadEvents {
  record(event: RuleLoadEvent): Promise<void>;
}

export function versionRefs(catalog: ProgramCatalog): VersionRef[] {
  return catalog.all().flatMap((p) =>
    p.versions.map((v) => ({ program: p.key, version: v.version.version, status: v.version.status, contentHash: v.contentHash, ruleHash: v.ruleHash })),
  );
}

/** What a new rule set adds, changes and drops compared with the one served before. */
export function compareRuleSets(before: ProgramCatalog | undefined, after: ProgramCatalog): Pick<RuleLoadEvent, 'appeared' | 'changed' | 'removed'> {
  const key = (v: VersionRef) => `${v.program}@${v.version}`;
  const old = new Map((before ? versionRefs(before) : []).map((v) => [key(v), v]));
  const now = new Map(versionRefs(after).map((v) => [key(v), v]));
  return {
    appeared: [...now.values()].filter((v) => !old.has(key(v))),
    changed: [...now.values()].filter((v) => old.has(key(v)) && old.get(key(v))!.ruleHash !== v.ruleHash).map((v) => ({ program: v.program, version: v.version, before: old.get(key(v))!, after: v })),
    removed: [...old.values()].filter((v) => !now.has(key(v))),
  };
}

export type ReloadResult = { outcome: 'reloaded' | 'refused'; event: RuleLoadEvent };

/**
 * Reloads the rule files of a running service, all or nothing: the whole set is checked (as
 * `npm run rules -- validate` does) and its published versions against what the database
 * recorded; only then is the new set installed, in one step, for the requests that start
 * afterwards. Requests already running finish on the set they started with (each holds the
 * services it was given, and they hold one catalog), so no adjudication mixes versions. A
 * refused reload keeps the old set and says why. One reload runs at a time.
 */
export class RuleReloader {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly options: {
      registry: SchemaRegistry;
      rulesDir: string;
      models: Models;
      events: RuleLoadEvents;
      current(): ProgramCatalog;
      install(catalog: ProgramCatalog): void;
      logger?: Logger;
    },
  ) {}

  /** Records the set loaded at start. */
  async loaded(catalog: ProgramCatalog): Promise<RuleLoadEvent> {
    const event = this.event('load', { by: 'start' }, catalog, compareRuleSets(undefined, catalog), []);
    await this.options.events.record(event);
    return event;
  }

  reload(trigger: RuleLoadTrigger): Promise<ReloadResult> {
    const run = this.queue.then(() => this.reloadNow(trigger));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reloadNow(trigger: RuleLoadTrigger): Promise<ReloadResult> {
    const logger = this.options.logger ?? pino({ level: 'silent' });
    const before = this.options.current();
    let catalog: ProgramCatalog | undefined;
    let errors: RuleIssue[];
    try {
      const checked = checkRules(this.options.registry, this.options.rulesDir);
      catalog = checked.catalog;
      errors = checked.issues;
      // the database keeps every rule text a decision may be re-run against; a published
      // version it knows under another hash is refused here too
      if (catalog) await recordRuleVersions(this.options.models, catalog);
    } catch (e) {
      errors = [{ file: this.options.rulesDir, pointer: '', en: (e as Error).message, zh: `规则无法加载：${(e as Error).message}` }];
      catalog = undefined;
    }
    if (!catalog || errors.length) {
      const event = this.event('refused-reload', trigger, before, { appeared: [], changed: [], removed: [] }, errors);
      await this.options.events.record(event);
      logger.error({ trigger, errors: errors.map((e) => `${e.file} ${e.pointer} ${e.en}`) }, 'rule reload refused: the service keeps serving the rules it had');
      return { outcome: 'refused', event };
    }
    this.options.install(catalog);
    const event = this.event('reload', trigger, catalog, compareRuleSets(before, catalog), []);
    await this.options.events.record(event);
    logger.info({ trigger, appeared: event.appeared.length, changed: event.changed.length, removed: event.removed.length }, 'rules reloaded');
    return { outcome: 'reloaded', event };
  }

  private event(kind: RuleLoadEvent['kind'], trigger: RuleLoadTrigger, catalog: ProgramCatalog, changes: Pick<RuleLoadEvent, 'appeared' | 'changed' | 'removed'>, errors: RuleIssue[]): RuleLoadEvent {
    const programs = catalog.all();
    return {
      id: `rle_${randomUUID()}`,
      at: new Date().toISOString(),
      kind,
      trigger,
      programs: programs.length,
      versions: programs.reduce((n, p) => n + p.versions.length, 0),
      ...changes,
      errors,
    };
  }
}
