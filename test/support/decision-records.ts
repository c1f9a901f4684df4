import type { DecisionRecord } from '../../src/store/decision-log';

/** A decision record n of a test's own series (`dec_<series><n>`): an approval of 100·n fen in 320505. */
export function testRecord(series: string, n: number, fields: Pick<DecisionRecord, 'uscc' | 'decisionHash'>): DecisionRecord {
  return {
    decisionId: `dec_${series}${n}`,
    applicationId: `app_${series}${n}`,
    program: '320500/loan-interest-subsidy',
    programJurisdiction: '320500',
    version: '2024',
    ruleHash: null,
    jurisdiction: '320505',
    jurisdictionChain: ['CN', '320000', '320500', '320505'],
    uscc: fields.uscc,
    beneficiaryName: `firm ${n}`,
    client: `key_${series}`,
    outcome: 'approved',
    amountFen: 100 * n,
    reasons: ['eligible'],
    applicationDate: '2025-03-15',
    decidedAt: '2025-03-15T00:00:00.000Z',
    topUpOf: null,
    decisionHash: fields.decisionHash,
  };
}
