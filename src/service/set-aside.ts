import type { Logger } from 'pino';
import type { ApplicationDoc, SetAsideDoc } from '../store/models';
import type { Repositories } from '../store/repositories';
import type { AttemptLedgers } from './attempt-ledgers';

/**
 * Sets an application aside so that nothing can later decide or pay it: first the durable
 * record (recovery and retries skip an application that has one), then the decisions this
 * attempt wrote itself, then what it reserved. Each step is idempotent; a step that fails
 * leaves the application set aside and only room unreleased (a budget kept too full, never one
 * overspent). Its pending marker needs no change: recovery skips an application set aside.
 */
export async function setAside(
  stores: Pick<Repositories, 'setAside' | 'decisions'>,
  logger: Logger,
  application: Pick<ApplicationDoc, '_id' | 'program' | 'beneficiary' | 'client'>,
  stage: SetAsideDoc['stage'],
  error: unknown,
  attempt: { ledgers?: AttemptLedgers; writtenDecisions?: string[] } = {},
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const doc: SetAsideDoc = { _id: application._id, program: application.program, beneficiaryJurisdiction: application.beneficiary.jurisdiction, client: application.client, stage, error: message.slice(0, 500), at: new Date() };
  await stores.setAside.insertOnce(doc);
  if (attempt.writtenDecisions?.length) await stores.decisions.removeAll(attempt.writtenDecisions);
  const released = attempt.ledgers ? await attempt.ledgers.releaseAll() : [];
  logger.error({ applicationId: application._id, program: application.program, stage, error: message, released }, `application ${application._id} set aside: ${message}`);
}
