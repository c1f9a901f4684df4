import type { Explanation } from '../adjudication/explanation';
import type { ApplicationDoc, DecisionDoc } from '../store/models';

/** How stored documents look to API clients. */
export function applicationResource(doc: ApplicationDoc, decisionId: string, topUpDecisionIds: string[]) {
  return {
    id: doc._id,
    program: doc.program,
    beneficiary: doc.beneficiary,
    applicationDate: doc.applicationDate,
    facts: doc.facts,
    receivedAt: doc.receivedAt.toISOString(),
    ...(doc.backfiled ? { backfiled: { by: doc.backfiled.by, reason: doc.backfiled.reason } } : {}),
    decisionId,
    topUpDecisionIds,
  };
}

export function decisionResource(doc: DecisionDoc) {
  const explanation = doc.explanation as unknown as Explanation;
  return {
    id: doc._id,
    applicationId: doc.applicationId,
    program: doc.program,
    beneficiaryUscc: doc.beneficiaryUscc,
    outcome: explanation.outcome,
    amount: explanation.amount,
    topUpOf: doc.topUpOf ?? null,
    topUps: doc.topUps ?? [],
    marks: doc.marks ?? [],
    decidedAt: doc.decidedAt.toISOString(),
    explanation,
  };
}

export function decisionIdFor(applicationId: string): string {
  return applicationId.replace(/^app_/, 'dec_');
}

/** A top-up's decision: the base decision's id with the top-up program, e.g. dec_…~320571~key-industry-interest-topup. */
export function topUpDecisionId(baseDecisionId: string, programKey: string): string {
  return `${baseDecisionId}~${programKey.replace('/', '~')}`;
}
