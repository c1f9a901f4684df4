import { withCheckCharacter } from '../../src/adjudication/uscc';

/** A valid unified social credit code, different for each n. */
export function uscc(n: number, area = '320594'): string {
  return withCheckCharacter(`91${area}MA${String(n).padStart(7, '0')}`);
}

export const SIP_ENTERPRISE = { uscc: '91320594MA1N6QYX2B', name: '苏州纳微生物科技有限公司', jurisdiction: '320571' };

export function suzhouSubsidyApplication(overrides: Record<string, unknown> = {}) {
  return {
    program: '320500/loan-interest-subsidy',
    beneficiary: SIP_ENTERPRISE,
    // no applicationDate: the service sets the receipt date
    facts: {
      subsidyYear: 2024,
      loanId: 'SZ-2024-0001',
      independentLegalPerson: true,
      seriousDishonestyInLast3Years: false,
      enrolledOnTechFinancePlatform: true,
      loanFiledWithProgram: true,
      qualifications: ['high-tech'],
      interestPaid: '400000',
      guaranteeFeesPaid: '50000',
    },
    ...overrides,
  };
}
