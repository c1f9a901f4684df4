import { fit, type CapLedgers, type LedgerTake, type LedgerTakeResult } from '../adjudication/ledgers';
import { isDuplicateKey } from './database';
import type { LedgerEntryDoc, Models } from './models';

/**
 * Cap and budget ledgers as append-only journals. Each entry claims the next sequence number
 * of its ledger by inserting `ledger#seq` as _id, so two writers can never both append after
 * the same state: the loser gets a duplicate key and retries on the new state. Only unique
 * inserts are relied on (FerretDB v1 does not apply conditional updates atomically), so this
 * holds on MongoDB and FerretDB alike. One take per holder and ledger (unique index) makes a
 * retried or recovered decision find its reservation instead of taking twice.
 */
export class MongoLedgers implements CapLedgers {
  private readonly entries: Models['ledgerEntries'];

  constructor(models: Models, private readonly maxAttempts = 500) {
    this.entries = models.ledgerEntries;
  }

  async used(ledger: string): Promise<{ used: number; seq: number }> {
    const last = await this.entries.findOne({ ledger }).sort({ seq: -1 }).lean();
    return last ? { used: last.usedAfter, seq: last.seq } : { used: 0, seq: 0 };
  }

  async take(t: LedgerTake): Promise<LedgerTakeResult> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const mine = await this.entries.findOne({ ledger: t.ledger, holder: t.holder, kind: 'take' }).lean();
      if (mine) return { usedBefore: mine.usedAfter - mine.units, granted: mine.units, reused: true };
      const { used, seq } = await this.used(t.ledger);
      const granted = fit(t, used);
      if (granted === 0) return { usedBefore: used, granted: 0, reused: false };
      if (await this.append(t.ledger, seq + 1, t.holder, 'take', granted, used + granted)) return { usedBefore: used, granted, reused: false };
      await backoff(attempt);
    }
    throw new Error(`ledger ${t.ledger} is too contended`);
  }

  async giveBack(ledger: string, holder: string, units: number): Promise<void> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      if (await this.entries.exists({ ledger, holder, kind: 'give-back' })) return;
      const { used, seq } = await this.used(ledger);
      if (await this.append(ledger, seq + 1, holder, 'give-back', -units, used - units)) return;
      await backoff(attempt);
    }
    throw new Error(`ledger ${ledger} is too contended`);
  }

  private async append(ledger: string, seq: number, holder: string, kind: LedgerEntryDoc['kind'], units: number, usedAfter: number): Promise<boolean> {
    try {
      await this.entries.create({ _id: `${ledger}#${seq}`, ledger, seq, holder, kind, units, usedAfter, at: new Date() });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }
}

/** Reads the ledgers and says what would fit, reserving nothing: for eligibility checks. */
export class EstimatingLedgers implements CapLedgers {
  constructor(private readonly ledgers: MongoLedgers) {}

  async take(t: LedgerTake): Promise<LedgerTakeResult> {
    const { used } = await this.ledgers.used(t.ledger);
    return { usedBefore: used, granted: fit(t, used), reused: false };
  }

  async giveBack(): Promise<void> {}
}

function backoff(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 + attempt * 2)));
}
