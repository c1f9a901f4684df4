import type { ProgramCatalog } from '../rules/catalog';
import { JURISDICTION_CODE, type Jurisdiction } from '../rules/jurisdictions';
import { notFound, unprocessable } from './errors';

/** A division code from a request, checked: malformed or unknown is a 422 naming the field and the value. */
export function knownJurisdiction(catalog: ProgramCatalog, code: unknown, pointer: string): string {
  if (typeof code !== 'string' || !JURISDICTION_CODE.test(code)) {
    throw unprocessable(`malformed jurisdiction code ${JSON.stringify(code)}`, [{ pointer, detail: `${JSON.stringify(code)} is not a division code (CN or six digits of GB/T 2260)` }]);
  }
  if (!catalog.jurisdictions.has(code)) {
    throw unprocessable(`unknown jurisdiction ${code}`, [{ pointer, detail: `${code} is not a known division of China (GB/T 2260)` }]);
  }
  return code;
}

function brief(j: Jurisdiction) {
  return { code: j.code, name: j.name, ...(j.nameEn !== undefined ? { nameEn: j.nameEn } : {}), level: j.level ?? 'county' };
}

/** A division with its chain (nation first) and the programs in force there, the parents' included. */
export function jurisdictionView(catalog: ProgramCatalog, code: string) {
  const j = catalog.jurisdictions.get(code);
  if (!j) throw notFound(`no jurisdiction ${code}`);
  const chain = catalog.jurisdictions.chain(code).map((c) => brief(catalog.jurisdictions.get(c)!));
  const programs = catalog
    .forJurisdiction(code)
    .filter((p) => p.pack.status !== 'draft')
    .map((p) => ({ key: p.key, jurisdiction: p.pack.jurisdiction, title: p.pack.title, kind: p.pack.kind, beneficiary: p.pack.beneficiary }));
  return { ...brief(j), ...(j.source ? { source: j.source } : {}), chain, programs };
}

/** Divisions by code prefix or (part of) the Chinese or English name; without a query, the provinces. */
export function searchJurisdictions(catalog: ProgramCatalog, q: string | undefined) {
  const found = q === undefined || q === '' ? catalog.jurisdictions.search('', 100).filter((j) => j.level === 'nation' || j.level === 'province') : catalog.jurisdictions.search(q);
  return {
    jurisdictions: found.map((j) => ({ ...brief(j), chain: catalog.jurisdictions.chain(j.code) })),
  };
}

/** Every place fact (a division code) an application states must be a known division. */
export function checkPlaceFacts(catalog: ProgramCatalog, facts: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(facts)) {
    if (catalog.facts.get(name)?.kind === 'jurisdictionCode' && value !== null && value !== undefined) knownJurisdiction(catalog, value, `/facts/${name}`);
  }
}
