import { fit, type CapLedgers, type LedgerHolder, type LedgerTake, type LedgerTakeResult } from '../adjudication/ledgers';
import { isDuplicateKey } from './database';
import type { LedgerEntryDoc, Models } from './models';

type Entry = Pick<LedgerEntryDoc, 'seq' | 'usedAfter' | 'units' | 'holder' | 'kind'>;

/**
 * Cap and budget ledgers as append-only journals. Each entry claims the next sequence number
 * of its ledger by inserting `ledger#seq` as _id, so two writers can never both append after
 * the same state: the loser gets a duplicate key and retries on the new state. Only unique
 * inserts are relied on (FerretDB v1 does not apply conditional updates atomically), so this
 * holds on MongoDB and FerretDB alike. One take per holder and ledger (a unique index) makes a
 * retried or recovered decision find its reservation instead of taking twice.
 *
 * Sequence numbers have no gaps, so the head is found by reading `ledger#(n+1)` by _id from
 * the last head this process saw, not by sorting the journal. A receipt `ledger|holder|kind`
 * written after each entry lets a holder find its entry by _id too; the unique index stays the
 * guarantee, and the query by fields is only the slow path after a crash between the two.
 */
export class MongoLedgers implements CapLedgers {
  private readonly entries: Models['ledgerEntries'];
  private readonly receipts: Models['ledgerReceipts'];
  private readonly heads = new Map<string, Entry | null>();
  private readonly marks: Models['priorAwardMarks'];

  constructor(models: Models, private readonly patienceMs = 20_000) {
    this.entries = models.ledgerEntries;
    this.marks = models.priorAwardMarks;
    this.receipts = models.ledgerReceipts;
  }

  async used(ledger: string): Promise<{ used: number; seq: number }> {
    const head = await this.head(ledger);
    return head ? { used: head.usedAfter, seq: head.seq } : { used: 0, seq: 0 };
  }

  /** What a holder already took from a ledger, if anything. */
  async held(ledger: string, holder: string): Promise<LedgerTakeResult | undefined> {
    const receipt = await this.receipts.findById(receiptId(ledger, holder, 'take')).lean();
    return receipt ? { usedBefore: receipt.usedAfter - receipt.units, granted: receipt.units, reused: true } : undefined;
  }

  async take(t: LedgerTake): Promise<LedgerTakeResult> {
    const earlier = await this.held(t.ledger, t.holder);
    if (earlier) return earlier;
    const deadline = Date.now() + this.patienceMs;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const { used, seq } = await this.used(t.ledger);
      const granted = fit(t, used);
      if (granted === 0) {
        // No room — unless it is this holder's own entry, written before a crash that lost the
        // receipt: then the room was taken by this very holder, which must find it again.
        return (await this.taken(t.ledger, t.holder)) ?? { usedBefore: used, granted: 0, reused: false };
      }
      const appended = await this.append(t.ledger, seq + 1, t.holder, 'take', granted, used + granted);
      if (appended === 'ok') return { usedBefore: used, granted, reused: false };
      if (appended === 'holder-exists') return (await this.taken(t.ledger, t.holder))!;
      await backoff(attempt);
    }
    throw new Error(`ledger ${t.ledger} is too contended`);
  }

  /**
   * Who holds what a ledger took (given-back room excluded), oldest first, read by _id along the
   * journal; imported prior awards name their source. For ledgers kept per beneficiary or per
   * claim, which hold few entries: at most `max` are read.
   */
  async holders(ledger: string, max = 100): Promise<LedgerHolder[]> {
    const held = new Map<string, number>();
    for (let seq = 1; seq <= max; seq++) {
      const e = await this.entries.findById(`${ledger}#${seq}`).lean();
      if (!e) break;
      held.set(e.holder, (held.get(e.holder) ?? 0) + e.units);
    }
    const out: LedgerHolder[] = [];
    for (const [holder, units] of held) {
      if (units <= 0) continue;
      const mark = holder.startsWith('import:') || holder.startsWith('distinct:') ? await this.marks.findById(`${ledger}|${holder}`).lean() : null;
      out.push({ holder, units, ...(mark ? { imported: { source: mark.source, row: mark.row, ref: mark.ref } } : {}) });
    }
    return out;
  }

  async giveBack(ledger: string, holder: string, units: number): Promise<void> {
    if (await this.receipts.exists({ _id: receiptId(ledger, holder, 'give-back') })) return;
    const deadline = Date.now() + this.patienceMs;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const { used, seq } = await this.used(ledger);
      const appended = await this.append(ledger, seq + 1, holder, 'give-back', -units, used - units);
      if (appended !== 'sequence-taken') return;
      await backoff(attempt);
    }
    throw new Error(`ledger ${ledger} is too contended`);
  }

  /** The slow path: the entry exists (its receipt may not, after a crash); find it by its fields. */
  private async taken(ledger: string, holder: string): Promise<LedgerTakeResult | undefined> {
    const mine = await this.entries.findOne({ ledger, holder, kind: 'take' }).lean();
    if (!mine) return undefined;
    await this.receipt(mine);
    return { usedBefore: mine.usedAfter - mine.units, granted: mine.units, reused: true };
  }

  private async receipt(e: Pick<LedgerEntryDoc, 'ledger' | 'holder' | 'kind' | 'seq' | 'units' | 'usedAfter'>): Promise<void> {
    try {
      await this.receipts.create({ _id: receiptId(e.ledger, e.holder, e.kind), seq: e.seq, units: e.units, usedAfter: e.usedAfter });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  private async head(ledger: string): Promise<Entry | null> {
    let last: Entry | null | undefined = this.heads.get(ledger);
    if (last === undefined) last = await this.entries.findOne({ ledger }).sort({ seq: -1 }).lean();
    for (;;) {
      const next: Entry | null = await this.entries.findById(`${ledger}#${(last?.seq ?? 0) + 1}`).lean();
      if (!next) break;
      last = next;
    }
    this.heads.set(ledger, last);
    return last;
  }

  private async append(ledger: string, seq: number, holder: string, kind: LedgerEntryDoc['kind'], units: number, usedAfter: number) {
    const entry = { _id: `${ledger}#${seq}`, ledger, seq, holder, kind, units, usedAfter, at: new Date() };
    try {
      await this.entries.create(entry);
      this.heads.set(ledger, entry);
      await this.receipt(entry);
      return 'ok' as const;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // Either the sequence number was taken, or this holder already has such an entry.
      return (await this.entries.exists({ _id: entry._id })) ? ('sequence-taken' as const) : ('holder-exists' as const);
    }
  }
}

function receiptId(ledger: string, holder: string, kind: LedgerEntryDoc['kind']): string {
  return `${ledger}|${holder}|${kind}`;
}

/** Reads the ledgers and says what would fit, reserving nothing: for eligibility checks. */
export class EstimatingLedgers implements CapLedgers {
  constructor(private readonly ledgers: MongoLedgers) {}

  async take(t: LedgerTake): Promise<LedgerTakeResult> {
    // a grant counted once per distinct value (e.g. a subsidy year) may be held already
    const held = await this.ledgers.held(t.ledger, t.holder);
    if (held) return held;
    const { used } = await this.ledgers.used(t.ledger);
    return { usedBefore: used, granted: fit(t, used), reused: false };
  }

  holders(ledger: string): Promise<LedgerHolder[]> {
    return this.ledgers.holders(ledger);
  }

  async giveBack(): Promise<void> {}
}

/** Full-jitter exponential backoff, 1 ms doubling up to 64 ms. */
function backoff(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.random() * Math.min(64, 2 ** attempt)));
}
