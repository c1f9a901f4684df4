import { divisionContradicts } from '../adjudication/uscc';
import type { Program } from '../rules/compiled';
import { unprocessable } from './errors';

export interface Mark {
  code: 'registration-division-differs';
  detail: string;
}

/** Whether a program's rules read where the beneficiary is registered (it requires local registration). */
export function requiresLocalRegistration(program: Program): boolean {
  const reads = (v: unknown): boolean =>
    Array.isArray(v) ? v.some(reads) : !!v && typeof v === 'object' && Object.entries(v).some(([k, x]) => (k === 'fact' && x === 'beneficiaryJurisdiction') || reads(x));
  return reads(program.pack);
}

function contradiction(beneficiary: { uscc: string; jurisdiction: string }): string | undefined {
  if (!divisionContradicts(beneficiary.uscc, beneficiary.jurisdiction)) return undefined;
  return `the unified social credit code was issued in division ${beneficiary.uscc.slice(2, 8)}, outside the declared jurisdiction ${beneficiary.jurisdiction}`;
}

/** Refuses (422) a beneficiary whose USCC contradicts its declared jurisdiction for programs that require local registration. */
export function checkLocalRegistration(programs: readonly Program[], beneficiary: { uscc: string; jurisdiction: string }): void {
  const detail = contradiction(beneficiary);
  const local = detail ? programs.find(requiresLocalRegistration) : undefined;
  if (detail && local) throw unprocessable(`${local.key} requires registration in its jurisdiction`, [{ pointer: '/beneficiary/uscc', detail: `${detail}; ${local.key} requires local registration` }]);
}

/** The marks a decision carries about its beneficiary: a USCC issued outside the declared jurisdiction. */
export function registrationMarks(beneficiary: { uscc: string; jurisdiction: string }): Mark[] {
  const detail = contradiction(beneficiary);
  return detail ? [{ code: 'registration-division-differs', detail }] : [];
}
