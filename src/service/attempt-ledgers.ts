import type { CapLedgers, LedgerHolder, LedgerTake, LedgerTakeResult } from '../adjudication/ledgers';

/**
 * The ledgers as one attempt at deciding an application sees them: it remembers what the
 * attempt itself reserved, so an attempt that fails can give back exactly that and nothing
 * another attempt or application holds.
 */
export class AttemptLedgers implements CapLedgers {
  /** Units this attempt reserved, net of what it gave back, by ledger and holder. */
  private readonly net = new Map<string, { ledger: string; holder: string; units: number }>();
  /** Takes that failed without saying whether they were written (a timeout, a lost answer). */
  private readonly uncertain: { ledger: string; holder: string }[] = [];

  constructor(private readonly inner: CapLedgers & { held?(ledger: string, holder: string): Promise<LedgerTakeResult | undefined> }) {}

  async take(t: LedgerTake): Promise<LedgerTakeResult> {
    let r: LedgerTakeResult;
    try {
      r = await this.inner.take(t);
    } catch (e) {
      if (!t.holder.startsWith('distinct:')) this.uncertain.push({ ledger: t.ledger, holder: t.holder });
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
    await this.inner.giveBack(ledger, holder, units);
    if (this.net.has(key(ledger, holder))) this.add(ledger, holder, -units);
  }

  /** Gives back everything this attempt still holds, under a holder of its own (`…~void`). */
  async releaseAll(): Promise<{ ledger: string; units: number }[]> {
    // a failed take may have been written all the same: the ledger says what the holder holds
    for (const { ledger, holder } of this.uncertain.splice(0)) {
      const held = this.net.has(key(ledger, holder)) ? undefined : await this.inner.held?.(ledger, holder);
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
