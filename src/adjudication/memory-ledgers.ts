import { fit, type CapLedgers, type LedgerTake, type LedgerTakeResult } from './ledgers';

/** Ledgers held in memory: for case files and the policy-staff command line, not for the service. */
export class MemoryLedgers implements CapLedgers {
  readonly used = new Map<string, number>();
  private readonly taken = new Map<string, LedgerTakeResult>();

  constructor(private readonly initial: (ledger: string) => number = () => 0) {}

  async take(t: LedgerTake): Promise<LedgerTakeResult> {
    const id = `${t.ledger}#${t.holder}`;
    const before = this.taken.get(id);
    if (before) return { ...before, reused: true };
    const usedBefore = this.used.get(t.ledger) ?? this.initial(t.ledger);
    const granted = fit(t, usedBefore);
    this.used.set(t.ledger, usedBefore + granted);
    if (granted === 0) return { usedBefore, granted, reused: false };
    const result = { usedBefore, granted, reused: false };
    this.taken.set(id, result);
    return result;
  }

  async giveBack(ledger: string, _holder: string, units: number): Promise<void> {
    this.used.set(ledger, (this.used.get(ledger) ?? 0) - units);
  }
}
