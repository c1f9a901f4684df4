import { fit, type CapLedgers, type LedgerTake, type LedgerTakeResult } from '../adjudication/ledgers';

/** What a caller may see of the ledgers in an eligibility check. */
export type LedgerUsage = 'shown' | 'beneficiary' | 'published';

/**
 * The ledgers as an applicant system may see them: the usage of ledgers `visible` admits (the
 * caps of a firm the system itself files for), and for every other ledger only what the policy
 * publishes — its limit, as if nothing had been drawn — so an answer never tells another firm's
 * used cap, a loan's claims, or the room left in a budget.
 */
export class PublishedLedgers implements CapLedgers {
  constructor(private readonly real: CapLedgers, private readonly visible: (ledger: string) => boolean) {}

  async take(t: LedgerTake): Promise<LedgerTakeResult> {
    if (this.visible(t.ledger)) return this.real.take(t);
    return { usedBefore: 0, granted: fit(t, 0), reused: false };
  }

  async giveBack(): Promise<void> {}
}
