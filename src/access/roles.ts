/** Who may call what. The HTTP layer asks; the table is the one place the answer lives. */
export const ROLES = ['applicant', 'policy-staff', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Operation =
  | 'submitApplication'
  | 'getApplication'
  | 'getDecision'
  | 'reproduceDecision'
  | 'checkEligibility'
  | 'simulateDrafts'
  | 'listPrograms'
  | 'getProgramVersion'
  | 'getProgram'
  | 'listJurisdictions'
  | 'getJurisdiction'
  | 'createApiKey'
  | 'listApiKeys'
  | 'revokeApiKey'
  | 'importPriorAwards';

const ALL: readonly Role[] = ROLES;

export const PERMISSIONS: Readonly<Record<Operation, readonly Role[]>> = {
  // applicant systems submit; policy staff and auditors never do
  submitApplication: ['applicant'],
  getApplication: ['applicant', 'policy-staff', 'auditor', 'admin'],
  getDecision: ['applicant', 'policy-staff', 'auditor', 'admin'],
  // a re-run stores nothing: auditors may
  reproduceDecision: ['auditor', 'policy-staff', 'admin'],
  checkEligibility: ['applicant', 'policy-staff', 'admin'],
  simulateDrafts: ['policy-staff', 'admin'],
  listPrograms: ALL,
  getProgramVersion: ALL,
  getProgram: ALL,
  listJurisdictions: ALL,
  getJurisdiction: ALL,
  createApiKey: ['admin'],
  listApiKeys: ['admin'],
  revokeApiKey: ['admin'],
  importPriorAwards: ['admin'],
};

export function allows(role: Role, operation: Operation): boolean {
  return PERMISSIONS[operation].includes(role);
}
