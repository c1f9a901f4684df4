import type { ApiKeyRecord } from './api-keys';

/** The jurisdiction tree as key management needs it: a code's chain, nation first. */
export interface JurisdictionChains {
  has(code: string): boolean;
  chain(code: string): string[];
}

/**
 * Whether one jurisdiction list lies within another: `*` only within `*`; a code within a
 * list when the list holds the code or one of its ancestors (320571 lies within 320500).
 */
export function jurisdictionsWithin(inner: readonly string[], outer: readonly string[], tree: JurisdictionChains): boolean {
  if (outer.includes('*')) return true;
  return inner.every((j) => j !== '*' && tree.has(j) && tree.chain(j).some((c) => outer.includes(c)));
}

/**
 * Whether an administrator may manage (see, create, revoke) a key: only keys whose every
 * jurisdiction lies within the administrator's own. A scoped administrator can never create,
 * see or revoke a key reaching beyond its scope, so it cannot widen its own reach.
 */
export function mayManageKey(admin: Pick<ApiKeyRecord, 'jurisdictions'>, key: Pick<ApiKeyRecord, 'jurisdictions'>, tree: JurisdictionChains): boolean {
  return jurisdictionsWithin(key.jurisdictions, admin.jurisdictions, tree);
}
