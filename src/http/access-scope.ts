import type { Response } from 'express';
import { inScope } from '../access/api-keys';
import type { ProgramCatalog } from '../rules/catalog';
import { callerOf, forbidden } from './auth';

/** A beneficiary outside the caller's jurisdictions may not be submitted or checked for. */
export function requireScope(res: Response, catalog: ProgramCatalog, jurisdiction: string, pointer: string): void {
  if (!catalog.jurisdictions.has(jurisdiction)) return; // the request's own validation names it
  if (!inScope(callerOf(res), catalog.jurisdictions.chain(jurisdiction))) {
    throw forbidden(`this API key may not act for beneficiaries registered in ${jurisdiction}`, pointer);
  }
}

/**
 * Whether the caller may see a stored application or decision: inside its jurisdictions and,
 * for an applicant system, one it submitted. Anything else is answered as not found.
 */
export function canSee(res: Response, catalog: ProgramCatalog, owner: { client: string; jurisdiction: string }): boolean {
  const caller = callerOf(res);
  if (caller.role === 'applicant' && owner.client !== caller.id) return false;
  return inScope(caller, catalog.jurisdictions.has(owner.jurisdiction) ? catalog.jurisdictions.chain(owner.jurisdiction) : []);
}
