import { fit, type CapLedgers, type LedgerTake, type LedgerTakeResult } from '../adjudication/ledgers';
import type { HolderHistory } from '../store/mongo-ledgers';

/** What estimates read of the ledgers: the room used so far, and what a holder already holds. */
export interface RoomSource extends CapLedgers {
  take(t: LedgerTake, history?: HolderHistory): Promise<LedgerTakeResult>;
  giveBack(ledger: string, holder: string, units: number, history?: HolderHistory): Promise<void>;
  used(ledger: string): Promise<{ used: number }>;
  held(ledger: string, holder: string): Promise<LedgerTakeResult | undefined>;
  /** What a holder took, also without a receipt (the slow path, for releasing a failed attempt). */
  entryOf?(ledger: string, holder: string): Promise<LedgerTakeResult | undefined>;
}

/** The ledgers decisions take from, told whether a holder is new (see HolderHistory). */
export interface WritingLedgers extends Pick<RoomSource, 'take' | 'giveBack' | 'held' | 'entryOf'> {
  holders?: CapLedgers['holders'];
}

interface Entry {
  until: number;
  used?: Promise<number>;
  held: Map<string, Promise<LedgerTakeResult | undefined>>;
}

/**
 * Ledger reads for eligibility estimates, cached for `ttlMs` (default 2 s, at most `size`
 * ledgers), around the ledgers decisions take from. Every take or give-back through
 * `writing` forgets that ledger before and after it reaches the store (with any read in
 * flight), so an estimate in this process never lags this process's own
 * appends. Appends by another process reach the estimates here within `ttlMs`.
 */
export class LedgerRooms {
  private readonly entries = new Map<string, Entry>();
  readonly writing: WritingLedgers;
  readonly estimating: CapLedgers;

  constructor(private readonly source: RoomSource, private readonly ttlMs = 2_000, private readonly size = 10_000) {
    this.writing = {
      take: (t, history) => this.write(t.ledger, () => source.take(t, history)),
      giveBack: (ledger, holder, units, history) => this.write(ledger, () => source.giveBack(ledger, holder, units, history)),
      held: (ledger, holder) => source.held(ledger, holder),
      ...(source.entryOf ? { entryOf: (ledger: string, holder: string) => source.entryOf!(ledger, holder) } : {}),
      ...(source.holders ? { holders: (ledger: string) => source.holders!(ledger) } : {}),
    };
    this.estimating = {
      take: (t) => this.estimate(t),
      giveBack: async () => undefined,
      ...(source.holders ? { holders: (ledger: string) => source.holders!(ledger) } : {}),
    };
  }

  private async write<T>(ledger: string, run: () => Promise<T>): Promise<T> {
    this.forget(ledger);
    try {
      return await run();
    } finally {
      this.forget(ledger);
    }
  }

  /** Drops the ledger's entry, with any read in flight in it: later estimates read again. */
  private forget(ledger: string): void {
    this.entries.delete(ledger);
  }

  private entry(ledger: string): Entry {
    const now = Date.now();
    let e = this.entries.get(ledger);
    if (!e || e.until <= now) {
      if (e) this.entries.delete(ledger);
      if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
      e = { until: now + this.ttlMs, held: new Map() };
      this.entries.set(ledger, e);
    }
    return e;
  }

  /**
   * Reads through the cache. A write forgets the ledger before and after it reaches the store,
   * so a read that overlapped it sits in an entry already dropped; a failed read is dropped too.
   */
  private cached<T>(ledger: string, get: (e: Entry) => Promise<T> | undefined, set: (e: Entry, p: Promise<T>) => void, read: () => Promise<T>): Promise<T> {
    const e = this.entry(ledger);
    const hit = get(e);
    if (hit) return hit;
    const p = read();
    set(e, p);
    p.catch(() => {
      if (this.entries.get(ledger) === e) this.entries.delete(ledger);
    });
    return p;
  }

  private async estimate(t: LedgerTake): Promise<LedgerTakeResult> {
    // a grant counted once per distinct value (e.g. a subsidy year) may be held already
    const held = await this.cached(
      t.ledger,
      (e) => e.held.get(t.holder),
      (e, p) => e.held.set(t.holder, p),
      () => this.source.held(t.ledger, t.holder),
    );
    if (held) return held;
    const used = await this.cached(
      t.ledger,
      (e) => e.used,
      (e, p) => (e.used = p),
      async () => (await this.source.used(t.ledger)).used,
    );
    return { usedBefore: used, granted: fit(t, used), reused: false };
  }
}
