import type { Logger } from 'pino';
import { isDuplicateKey } from '../store/database';
import type { ApplicationDoc, Models, SetAsideDoc } from '../store/models';
import type { AttemptLedgers } from './attempt-ledgers';

/**
 * Sets an application aside so that nothing can later decide or pay it: first the durable
 * record (recovery and retries skip an application that has one), then the decisions this
 * attempt wrote itself, then what it reserved, then its pending marker. Each step is
 * idempotent; a step that fails leaves the application set aside and only room unreleased
 * (a budget kept too full, never one overspent).
 */
export async function setAside(
  models: Models,
  logger: Logger,
  application: Pick<ApplicationDoc, '_id' | 'program' | 'beneficiary' | 'client'>,
  stage: SetAsideDoc['stage'],
  error: unknown,
  attempt: { ledgers?: AttemptLedgers; writtenDecisions?: string[] } = {},
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const doc: SetAsideDoc = { _id: application._id, program: application.program, beneficiaryJurisdiction: application.beneficiary.jurisdiction, client: application.client, stage, error: message.slice(0, 500), at: new Date() };
  try {
    await models.setAside.create(doc);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
  if (attempt.writtenDecisions?.length) await models.decisions.deleteMany({ _id: { $in: attempt.writtenDecisions } });
  const released = attempt.ledgers ? await attempt.ledgers.releaseAll() : [];
  await models.pending.deleteOne({ _id: application._id });
  logger.error({ applicationId: application._id, program: application.program, stage, error: message, released }, `application ${application._id} set aside: ${message}`);
}

export async function isSetAside(models: Models, applicationId: string): Promise<boolean> {
  return (await models.setAside.exists({ _id: applicationId })) !== null;
}
