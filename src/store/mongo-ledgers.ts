import { fit, LedgerBusyError, type CapLedgers, type LedgerHolder, type LedgerTake, type LedgerTakeResult } from '../adjudication/ledgers';
import { isDuplicateKey } from './database';
import { KeyedQueue } from './keyed-queue';
import type { LedgerEntryDoc, Models } from './models';

type Entry = Pick<LedgerEntryDoc, 'seq' | 'usedAfter' | 'units' | 'holder' | 'kind'>;
type Kind = LedgerEntryDoc['kind'];

/** Whether a holder can have touched the ledger before (a retry, a recovery, a shared grant). */
export interface HolderHistory {
  /** The holder was created by this request: it has no entry and no receipt anywhere yet. */
  fresh: boolean;
}

const SEEN_BEFORE: HolderHistory = { fresh: false };
/** Journals at most this long are searched for a holder by _id, longer ones by their index. */
const SCAN_BY_ID = 16;

/**
 * Cap and budget ledgers as append-only journals. Each entry claims the next sequence number
 * of its ledger by inserting `ledger#seq` as _id, so two writers can never both append after
 * the same state: the loser gets a duplicate key, reads forward and tries again. Only unique
 * inserts are relied on (FerretDB v1 does not apply conditional updates atomically), so this
 * holds on MongoDB and FerretDB alike, across any number of service processes. One take per
 * holder and ledger (a unique index) makes a retried or recovered decision find its
 * reservation instead of taking twice.
 *
 * Within a process, appends to one ledger are queued, so requests of one process never
 * collide with each other; the head of each ledger is kept in memory and read forward by _id
 * (`ledger#(n+1)`) only when another process appended. A ledger this process has not seen is
 * first assumed new (its `#1` is inserted); if it is not, its head is located by probing `#1`,
 * `#2`, `#4`, … by _id (sequence numbers have no gaps), never by sorting the journal. A take that
 * cannot start before its deadline throws LedgerBusyError having reserved nothing.
 *
 * A take that finds no room must not trust a head this process saw before the take was asked
 * for (another process may have given room back since), but one read of the head serves every
 * take asked for before that read began: when many claims of one enterprise queue on its full
 * cap, the first in turn reads forward and the others answer from memory, so a burst costs one
 * read, not one per claim (each `observe` of the head — a read forward or an own append —
 * carries a number; a take remembers the last number given out when it was asked for).
 *
 * Receipts `ledger|holder|kind` let a holder that may have taken before (a recovery, a shared
 * grant such as one per subsidy year) find its entry by _id; a holder created by the request
 * itself ({fresh: true}) needs neither the lookup nor the receipt.
 */
export class MongoLedgers implements CapLedgers {
  private readonly entries: Models['ledgerEntries'];
  private readonly receipts: Models['ledgerReceipts'];
  private readonly heads = new Map<string, Entry | null>();
  /** Per ledger: the number of the last observation of the head begun, and of the latest one finished. */
  private readonly observations = new Map<string, { begun: number; finished: number }>();
  private readonly marks: Models['priorAwardMarks'];
  private readonly queue = new KeyedQueue();
  private readonly patienceMs: number;
  private readonly now: () => number;

  constructor(models: Models, options: { patienceMs?: number; now?: () => number } = {}) {
    this.entries = models.ledgerEntries;
    this.marks = models.priorAwardMarks;
    this.receipts = models.ledgerReceipts;
    this.patienceMs = options.patienceMs ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** What the ledger holds now, read forward from the last head this process saw. */
  async used(ledger: string): Promise<{ used: number; seq: number }> {
    const head = await this.readForward(ledger, await this.knownHead(ledger));
    return head ? { used: head.usedAfter, seq: head.seq } : { used: 0, seq: 0 };
  }

  /** What a holder already took from a ledger, if anything (by its receipt). */
  async held(ledger: string, holder: string): Promise<LedgerTakeResult | undefined> {
    const receipt = await this.receipts.findById(receiptId(ledger, holder, 'take')).lean();
    return receipt ? { usedBefore: receipt.usedAfter - receipt.units, granted: receipt.units, reused: true } : undefined;
  }

  /**
   * What a holder took from a ledger, also when no receipt was written (a fresh holder's take
   * whose answer was lost): the slow path, by the journal. For releasing a failed attempt.
   */
  async entryOf(ledger: string, holder: string): Promise<LedgerTakeResult | undefined> {
    return (await this.held(ledger, holder)) ?? this.taken(ledger, holder, Number.MAX_SAFE_INTEGER);
  }

  async take(t: LedgerTake, history: HolderHistory = SEEN_BEFORE): Promise<LedgerTakeResult> {
    if (!history.fresh) {
      const earlier = await this.held(t.ledger, t.holder);
      if (earlier) return earlier;
    }
    const deadline = this.now() + this.patienceMs;
    const askedAt = this.observationsOf(t.ledger).begun;
    const result = await this.queue.run(t.ledger, deadline, this.now, () => new LedgerBusyError(t.ledger), () => this.takeInTurn(t, history, deadline, askedAt));
    if (result.entry && !history.fresh) await this.receipt(t.ledger, result.entry);
    return result.taken;
  }

  async giveBack(ledger: string, holder: string, units: number, history: HolderHistory = SEEN_BEFORE): Promise<void> {
    if (!history.fresh && (await this.receipts.exists({ _id: receiptId(ledger, holder, 'give-back') }))) return;
    // a give-back completes a decision whose takes are made: it waits longer before giving up
    const deadline = this.now() + 3 * this.patienceMs;
    const entry = await this.queue.run(ledger, deadline, this.now, () => new LedgerBusyError(ledger), async () => {
      for (;;) {
        const head = await this.knownHead(ledger);
        const appended = await this.append(ledger, head, holder, 'give-back', -units);
        if (appended !== 'sequence-taken') return appended === 'holder-exists' ? undefined : appended;
        await this.afterCollision(ledger, head, deadline);
      }
    });
    if (entry && !history.fresh) await this.receipt(ledger, entry);
  }

  private async takeInTurn(t: LedgerTake, history: HolderHistory, deadline: number, askedAt: number): Promise<{ taken: LedgerTakeResult; entry?: Entry }> {
    for (;;) {
      // A ledger this process has not seen is taken to be new (most are: one per enterprise and
      // year): appending `ledger#1` is then the only round trip, and a duplicate key says it is not.
      const head = this.heads.has(t.ledger) ? this.heads.get(t.ledger)! : null;
      const used = head?.usedAfter ?? 0;
      const granted = fit(t, used);
      if (granted === 0) {
        // the head this process saw may be stale (another process may have given room back),
        // unless it was observed after this take was asked for
        if (this.observationsOf(t.ledger).finished <= askedAt && (await this.readForward(t.ledger, head)) !== head) continue;
        // No room — unless it is this holder's own entry, written before a crash that lost the
        // receipt: then the room was taken by this very holder, which must find it again.
        const own = history.fresh ? undefined : await this.taken(t.ledger, t.holder, head?.seq ?? 0);
        return { taken: own ?? { usedBefore: used, granted: 0, reused: false } };
      }
      const appended = await this.append(t.ledger, head, t.holder, 'take', granted);
      if (appended === 'holder-exists') return { taken: (await this.taken(t.ledger, t.holder, Number.MAX_SAFE_INTEGER))! };
      if (appended !== 'sequence-taken') return { taken: { usedBefore: used, granted, reused: false }, entry: appended };
      await this.afterCollision(t.ledger, head, deadline);
    }
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

  /** Another process appended first: read forward; give up, reserving nothing, past the deadline. */
  private async afterCollision(ledger: string, head: Entry | null, deadline: number): Promise<void> {
    await this.readForward(ledger, head);
    if (this.now() > deadline) throw new LedgerBusyError(ledger);
    await new Promise((r) => setTimeout(r, Math.random() * 4));
  }

  /** The slow path: the holder's entry exists (its receipt may not, after a crash). */
  private async taken(ledger: string, holder: string, headSeq: number): Promise<LedgerTakeResult | undefined> {
    let mine: Entry | null = null;
    if (headSeq <= SCAN_BY_ID) {
      for (let seq = headSeq; seq >= 1 && !mine; seq--) {
        const e = await this.entries.findById(`${ledger}#${seq}`).lean();
        if (e && e.holder === holder && e.kind === 'take') mine = e;
      }
    } else {
      mine = await this.entries.findOne({ ledger, holder, kind: 'take' }).lean();
    }
    if (!mine) return undefined;
    await this.receipt(ledger, mine);
    return { usedBefore: mine.usedAfter - mine.units, granted: mine.units, reused: true };
  }

  private async receipt(ledger: string, e: Entry): Promise<void> {
    try {
      await this.receipts.create({ _id: receiptId(ledger, e.holder, e.kind), seq: e.seq, units: e.units, usedAfter: e.usedAfter });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  /** The head as this process last saw it; for a ledger not seen yet, found by probing by _id. */
  private async knownHead(ledger: string): Promise<Entry | null> {
    const known = this.heads.get(ledger);
    return known !== undefined ? known : this.readForward(ledger, null);
  }

  /**
   * The head from a known entry on: probes `#(n+1)`, `#(n+2)`, `#(n+4)`, … by _id up to a missing
   * one, then bisects (sequence numbers have no gaps), so a journal that grew by k entries
   * elsewhere costs about 2·log2(k) reads, and one that did not grow costs one.
   */
  private async readForward(ledger: string, from: Entry | null): Promise<Entry | null> {
    const observation = this.begin(ledger);
    const at = (seq: number) => this.entries.findById(`${ledger}#${seq}`).lean<LedgerEntryDoc>();
    const base = from?.seq ?? 0;
    let last = from;
    let low = base; // present (or 0)
    let high = base + 1; // next to look at
    for (let e = await at(high); e; e = await at(high)) [low, last, high] = [high, e, base + 2 * (high - base)];
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      const e = await at(mid);
      if (e) [low, last] = [mid, e];
      else high = mid;
    }
    this.advance(ledger, last);
    this.finish(ledger, observation);
    return this.heads.get(ledger)!;
  }

  private observationsOf(ledger: string): { begun: number; finished: number } {
    let o = this.observations.get(ledger);
    if (!o) this.observations.set(ledger, (o = { begun: 0, finished: 0 }));
    return o;
  }

  /** An observation of the head begins: its number. */
  private begin(ledger: string): number {
    return ++this.observationsOf(ledger).begun;
  }

  /** An observation ended with the head in memory at least as recent as the one it saw. */
  private finish(ledger: string, observation: number): void {
    const o = this.observationsOf(ledger);
    o.finished = Math.max(o.finished, observation);
  }

  private advance(ledger: string, head: Entry | null): void {
    const current = this.heads.get(ledger);
    if (current === undefined || (head?.seq ?? 0) > (current?.seq ?? 0)) this.heads.set(ledger, head);
  }

  private async append(ledger: string, head: Entry | null, holder: string, kind: Kind, units: number): Promise<Entry | 'sequence-taken' | 'holder-exists'> {
    const seq = (head?.seq ?? 0) + 1;
    const entry = { _id: `${ledger}#${seq}`, ledger, seq, holder, kind, units, usedAfter: (head?.usedAfter ?? 0) + units, at: new Date() };
    // an insert that wins `#seq` saw the head at `#seq - 1` when it landed: an observation too
    const observation = this.begin(ledger);
    try {
      await this.entries.create(entry);
      this.advance(ledger, entry);
      this.finish(ledger, observation);
      return entry;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      // Either the sequence number was taken, or this holder already has such an entry.
      return (await this.entries.exists({ _id: entry._id })) ? 'sequence-taken' : 'holder-exists';
    }
  }
}

function receiptId(ledger: string, holder: string, kind: Kind): string {
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
