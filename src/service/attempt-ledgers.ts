import { LedgerBusyError, type CapLedgers, type LedgerHolder, type LedgerTake, type LedgerTakeResult } from '../adjudication/ledgers';
import type { HolderHistory } from '../store/mongo-ledgers';

type Inner = CapLedgers & {
  take(t: LedgerTake, history?: HolderHistory): Promise<LedgerTakeResult>;
  giveBack(ledger: string, holder: string, units: number, history?: HolderHistory): Promise<void>;
  held?(ledger: string, holder: string): Promise<LedgerTakeResult | undefined>;
  entryOf?(ledger: string, holder: string): Promise<LedgerTakeResult | undefined>;
};

/**
 * The ledgers as one attempt at deciding an application sees them: it remembers what the
 * attempt itself reserved, so an attempt that fails can give back exactly that and nothing
 * another attempt or application holds. An attempt that created its application names its
 * decision id as `freshPrefix`: holders under it cannot have taken before, so the ledgers skip
 * looking for an earlier take and writing a receipt (HolderHistory).
 */
export class AttemptLedgers implements CapLedgers {
  /** Units this attempt reserved, net of what it gave back, by ledger and holder. */
  private readonly net = new Map<string, { ledger: string; holder: string; units: number }>();
  /** Takes that failed without saying whether they were written (a timeout, a lost answer). */
  private readonly uncertain: { ledger: string; holder: string }[] = [];

  constructor(private readonly inner: Inner, private readonly freshPrefix?: string) {}

  private history(holder: string): HolderHistory | undefined {
    return this.freshPrefix !== undefined && holder.startsWith(this.freshPrefix) ? { fresh: true } : undefined;
  }

  async take(t: LedgerTake): Promise<LedgerTakeResult> {
    let r: LedgerTakeResult;
    try {
      r = await this.inner.take(t, this.history(t.holder));
    } catch (e) {
      // a busy ledger refuses before writing anything; any other failure may follow a write
      if (!(e instanceof LedgerBusyError) && !t.holder.startsWith('distinct:')) this.uncertain.push({ ledger: t.ledger, holder: t.holder });
      throw e;
    }
    // A reused take belongs to an earlier attempt; a distinct grant is shared by every
    // application for that value (a subsidy year): neither is this attempt's to release.
    if (r.granted > 0 && !r.reused && !t.holder.startsWith('distinct:')) this.add(t.ledger, t.holder, r.granted);
    return r;
  }

  /** Who holds room in a ledger, for explanations: the ledgers' own answer, when they give one. */
  async holders(ledger: string): Promise<LedgerHolder[]> {
    return this.inner.holders ? this.inner.holders(ledger) : [];
  }

  async giveBack(ledger: string, holder: string, units: number): Promise<void> {
    await this.inner.giveBack(ledger, holder, units, this.history(holder));
    if (this.net.has(key(ledger, holder))) this.add(ledger, holder, -units);
  }

  /** Gives back everything this attempt still holds, under a holder of its own (`…~void`). */
  async releaseAll(): Promise<{ ledger: string; units: number }[]> {
    // a failed take may have been written all the same: the ledger says what the holder holds
    for (const { ledger, holder } of this.uncertain.splice(0)) {
      // (a fresh holder writes no receipt: its entry is looked for in the journal)
      const find = this.inner.entryOf ?? this.inner.held;
      const held = this.net.has(key(ledger, holder)) ? undefined : await find?.call(this.inner, ledger, holder);
      if (held && held.granted > 0) this.add(ledger, holder, held.granted);
    }
    const released = [];
    for (const { ledger, holder, units } of this.net.values()) {
      if (units <= 0) continue;
      await this.inner.giveBack(ledger, `${holder}~void`, units);
      released.push({ ledger, units });
    }
    this.net.clear();
    return released;
  }

  private add(ledger: string, holder: string, units: number): void {
    const k = key(ledger, holder);
    const e = this.net.get(k) ?? { ledger, holder, units: 0 };
    e.units += units;
    this.net.set(k, e);
  }
}

function key(ledger: string, holder: string): string {
  return `${ledger}\u0000${holder}`;
}
