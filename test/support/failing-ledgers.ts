import { LedgerBusyError, type CapLedgers, type LedgerTake, type LedgerTakeResult } from '../../src/adjudication/ledgers';
import type { MongoLedgers } from '../../src/store/mongo-ledgers';

/** When an injected take fails: before anything is written (a timeout), or after (an answer lost). */
export type Failure = 'before-write' | 'after-write' | undefined;

/** Real ledgers whose takes fail where `failure` says, as a busy or flaky database makes them. */
export class FailingLedgers implements CapLedgers {
  constructor(private readonly inner: MongoLedgers, private readonly failure: (t: LedgerTake) => Failure) {}

  async take(t: LedgerTake): Promise<LedgerTakeResult> {
    const f = this.failure(t);
    if (f === 'before-write') throw new LedgerBusyError(t.ledger);
    const r = await this.inner.take(t);
    if (f === 'after-write') throw new Error(`ledger ${t.ledger}: the answer was lost`);
    return r;
  }

  giveBack(ledger: string, holder: string, units: number): Promise<void> {
    return this.inner.giveBack(ledger, holder, units);
  }

  held(ledger: string, holder: string): Promise<LedgerTakeResult | undefined> {
    return this.inner.held(ledger, holder);
  }
}
