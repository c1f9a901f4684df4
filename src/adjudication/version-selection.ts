import type { Program, ProgramVersion } from '../rules/compiled';
import type { VersionDate } from '../rules/pack-types';

export interface VersionDateResult {
  by: string;
  date?: string;
  missing?: string;
}

/** The date that chooses a program's version for these facts, as the pack says. */
export function versionDate(rule: VersionDate, facts: Readonly<Record<string, unknown>>, applicationDate: string): VersionDateResult {
  if ('fact' in rule) {
    const v = facts[rule.fact];
    return typeof v === 'string' ? { by: `fact ${rule.fact}`, date: v } : { by: `fact ${rule.fact}`, missing: rule.fact };
  }
  if ('firstDayOfYearFact' in rule) {
    const y = facts[rule.firstDayOfYearFact];
    const by = `first day of ${rule.firstDayOfYearFact}`;
    return typeof y === 'number' ? { by, date: `${y}-01-01` } : { by, missing: rule.firstDayOfYearFact };
  }
  return { by: 'application date', date: applicationDate };
}

export interface VersionSource {
  /** The version in force on `date`; drafts only when `includeDrafts` (simulation), preferred then. */
  select(program: Program, date: string, includeDrafts: boolean): ProgramVersion | undefined;
}

export const versionsInForce: VersionSource = {
  select(program, date, includeDrafts) {
    const inForce = (v: ProgramVersion) => v.version.effectiveFrom <= date && (v.effectiveUntil === undefined || date <= v.effectiveUntil);
    const published = program.versions.find((v) => v.version.status === 'published' && inForce(v));
    if (!includeDrafts) return program.pack.status === 'draft' ? undefined : published;
    return program.versions.find((v) => v.version.status === 'draft' && inForce(v)) ?? published;
  },
};
