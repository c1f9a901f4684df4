import type { Models } from './models';
import { MongoLedgers } from './mongo-ledgers';
import { StoredApplications } from './simulation-store';

/** The read-only view of the store a simulation runs on: applications, decisions, and ledger heads. */
export function simulationSource(models: Models) {
  const stored = new StoredApplications(models);
  const ledgers = new MongoLedgers(models);
  return {
    page: stored.page.bind(stored),
    application: stored.application.bind(stored),
    decision: stored.decision.bind(stored),
    used: async (ledger: string) => (await ledgers.used(ledger)).used,
  };
}
