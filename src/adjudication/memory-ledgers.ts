import { fit, type CapLedgers, type LedgerHolder, type LedgerTake, type LedgerTakeResult } from './ledgers';

/** Ledgers held in memory: for case files and the policy-staff command line, not for the service. */
export class MemoryLedgers implements CapLedgers {
  readonly used = new Map<string, number>();
  private readonly taken = new Map<string, LedgerTakeResult>();
  private readonly givenBack = new Map<string, number>();

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

  async giveBack(ledger: string, holder: string, units: number): Promise<void> {
    this.used.set(ledger, (this.used.get(ledger) ?? 0) - units);
    this.givenBack.set(`${ledger}#${holder}`, (this.givenBack.get(`${ledger}#${holder}`) ?? 0) + units);
  }

  async holders(ledger: string): Promise<LedgerHolder[]> {
    return [...this.taken].filter(([id, r]) => id.startsWith(`${ledger}#`) && r.granted > 0).map(([id, r]) => ({ holder: id.slice(ledger.length + 1), units: r.granted }));
  }
}
