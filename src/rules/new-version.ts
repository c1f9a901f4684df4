import type { PackVersion, RulePack } from './pack-types';

/**
 * A new draft version of a program: a copy of its latest version (by effective date) with the
 * new effective date as label and start, no end and no content hash, so policy staff edit only
 * what changes. The pack is changed in place and the new version returned.
 */
export function addDraftVersion(pack: RulePack, from: string): PackVersion {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(Date.parse(from + 'T00:00:00Z')) || new Date(from + 'T00:00:00Z').toISOString().slice(0, 10) !== from) {
    throw new Error(`--from ${from} is not a date (YYYY-MM-DD)`);
  }
  const latest = [...pack.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).at(-1)!;
  if (pack.versions.some((v) => v.version === from)) throw new Error(`version ${from} already exists`);
  if (from <= latest.effectiveFrom) throw new Error(`--from ${from} must be after the latest version's effective date (${latest.version}, from ${latest.effectiveFrom})`);
  const { contentHash: _hash, effectiveTo: _to, ...content } = structuredClone(latest);
  const draft: PackVersion = { ...content, version: from, status: 'draft', effectiveFrom: from };
  pack.versions.push(draft);
  return draft;
}
