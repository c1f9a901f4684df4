import type { ProgramCatalog } from '../rules/catalog';
import { decisionHash, type DecisionLog, type DecisionRecord } from '../store/decision-log';
import type { ApplicationDoc, DecisionDoc } from '../store/models';

/** The decision log's record of a stored decision (schemas/decision-record.schema.json). */
export function decisionRecordOf(catalog: ProgramCatalog, decision: DecisionDoc, application: ApplicationDoc): DecisionRecord {
  const explanation = decision.explanation as { program?: { jurisdiction?: string }; version?: { version?: string } | null; reasons?: { code: string }[] };
  const jurisdiction = decision.beneficiaryJurisdiction;
  return {
    decisionId: decision._id,
    applicationId: decision.applicationId,
    program: decision.program,
    programJurisdiction: explanation.program?.jurisdiction ?? decision.program.split('/')[0]!,
    version: explanation.version?.version ?? null,
    ruleHash: decision.ruleHash,
    jurisdiction,
    jurisdictionChain: catalog.jurisdictions.has(jurisdiction) ? catalog.jurisdictions.chain(jurisdiction) : [jurisdiction],
    uscc: decision.beneficiaryUscc,
    beneficiaryName: application.beneficiary.name ?? '',
    client: decision.client,
    outcome: decision.outcome as DecisionRecord['outcome'],
    amountFen: decision.amountFen,
    reasons: (explanation.reasons ?? []).map((r) => r.code),
    applicationDate: application.applicationDate,
    decidedAt: new Date(decision.decidedAt).toISOString(),
    topUpOf: decision.topUpOf,
    decisionHash: decisionHash(decision),
  };
}

/** The recorder that appends the records of an application's stored decisions to the decision log. */
export function logDecisions(log: DecisionLog, catalog: ProgramCatalog): (application: ApplicationDoc, decisions: DecisionDoc[]) => Promise<void> {
  return (application, decisions) => log.append(decisions.map((d) => decisionRecordOf(catalog, d, application)));
}
