/** Who may call what. The HTTP layer asks; the table is the one place the answer lives. */
export const ROLES = ['applicant', 'policy-staff', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Operation =
  | 'submitApplication'
  | 'backfileApplication'
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
  | 'listSetAsideApplications'
  | 'importPriorAwards'
  | 'reloadRules'
  | 'createSimulation'
  | 'getSimulation'
  | 'searchDecisions'
  | 'exportDecisions'
  | 'explainDecision'
  | 'verifyDecisionChain'
  | 'listAuditEvents'
  | 'getStatistics'
  | 'listWarnings'
  | 'acknowledgeWarning'
  | 'evaluateWarnings'
  | 'createWebhookSubscription'
  | 'listWebhookSubscriptions'
  | 'revokeWebhookSubscription'
  | 'listWebhookDeliveries'
  | 'importProfileBatch'
  | 'getProfile'
  | 'runMatching'
  | 'getMatchingRun'
  | 'listMatchingResults'
  | 'setAutoGrantReview'
  | 'listAutoGrantProposals'
  | 'approveAutoGrant'
  | 'correctDecision';

const ALL: readonly Role[] = ROLES;

export const PERMISSIONS: Readonly<Record<Operation, readonly Role[]>> = {
  // applicant systems submit; policy staff and auditors never do
  submitApplication: ['applicant'],
  // an application with an earlier application date than its receipt, stating why (a paper
  // filing entered late, a correction): never applicant systems, which get the receipt date
  backfileApplication: ['policy-staff', 'admin'],
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
  listSetAsideApplications: ['admin'],
  importPriorAwards: ['admin'],
  // the rule files are read again, all or nothing (an administrator of every jurisdiction)
  reloadRules: ['admin'],
  // what-if runs of a draft or new version over stored applications: policy staff's tool
  createSimulation: ['policy-staff'],
  getSimulation: ['policy-staff'],
  // auditors' work (src/search, src/audit): applicant systems search and read only what they submitted
  searchDecisions: ALL,
  exportDecisions: ['policy-staff', 'auditor', 'admin'],
  explainDecision: ALL,
  verifyDecisionChain: ['auditor', 'admin'],
  listAuditEvents: ['auditor', 'admin'],
  // statistics and risk warnings: the platform's monitoring (统计监测, 风险预警), within the key's jurisdictions
  getStatistics: ['policy-staff', 'auditor', 'admin'],
  listWarnings: ['policy-staff', 'auditor', 'admin'],
  acknowledgeWarning: ['policy-staff', 'admin'],
  evaluateWarnings: ['policy-staff', 'admin'],
  // webhook subscriptions carry a signing secret and receive enterprises' data: administrators only
  createWebhookSubscription: ['admin'],
  listWebhookSubscriptions: ['admin'],
  revokeWebhookSubscription: ['admin'],
  listWebhookDeliveries: ['admin'],
  // government data on enterprises: imported by administrators, read within a key's jurisdictions
  importProfileBatch: ['admin'],
  getProfile: ['applicant', 'policy-staff', 'auditor', 'admin'],
  // proactive matching: policy staff run it; auditors read what it found
  runMatching: ['policy-staff', 'admin'],
  getMatchingRun: ['policy-staff', 'auditor', 'admin'],
  listMatchingResults: ['policy-staff', 'auditor', 'admin'],
  // grants without application: policy staff decide whether they wait for review, and approve them
  setAutoGrantReview: ['policy-staff', 'admin'],
  listAutoGrantProposals: ['policy-staff', 'auditor', 'admin'],
  approveAutoGrant: ['policy-staff', 'admin'],
  // a correction or withdrawal is a new record referencing the decision; auditors never change anything
  correctDecision: ['policy-staff', 'admin'],
};

/**
 * Who sees what caps and budgets already hold (other firms' grants, the room left in a budget)
 * in an eligibility check. Applicant systems see the limits the policy publishes.
 */
export const SEES_LEDGER_USAGE: readonly Role[] = ['policy-staff', 'auditor', 'admin'];

export function allows(role: Role, operation: Operation): boolean {
  return PERMISSIONS[operation].includes(role);
}
