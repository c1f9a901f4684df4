import { LedgerBusyError } from '../adjudication/ledgers';
import { canonicalJson, sha256 } from '../rules/content-hash';
import { isDuplicateKey } from './database';
import type { DecisionDoc, Models } from './models';

/**
 * The small record of a stored decision (schemas/decision-record.schema.json): what search,
 * statistics and warnings read instead of decisions with their full explanations.
 */
export type DecisionRecord = import('../schema-types/decision-record').DecisionRecord;

/** One link of the chain: `log#<seq>`, written once by a unique insert, never changed. */
export interface DecisionLogEntryDoc {
  _id: string;
  seq: number;
  prevHash: string;
  hash: string;
  records: DecisionRecord[];
  at: Date;
}

export const GENESIS_HASH = `sha256:${'0'.repeat(64)}`;

/** What a stored decision hashes to: its canonical JSON (dates as ISO strings). */
export function decisionHash(decision: DecisionDoc): string {
  return sha256(canonicalJson(JSON.parse(JSON.stringify(decision))));
}

/** An entry's hash: over its position, its predecessor's hash, its time and its records. */
export function entryHash(entry: Pick<DecisionLogEntryDoc, 'seq' | 'prevHash' | 'records' | 'at'>): string {
  return sha256(canonicalJson({ seq: entry.seq, prevHash: entry.prevHash, at: new Date(entry.at).toISOString(), records: entry.records }));
}

export function entryId(seq: number): string {
  return `log#${seq}`;
}

/** The first place where the stored chain or a decision it records differs from what was written. */
export interface ChainBreak {
  seq: number;
  entryId: string;
  decisionId?: string;
  problem: 'entry-missing' | 'entry-hash' | 'previous-hash' | 'decision-missing' | 'decision-hash' | 'record-invalid';
  detail: string;
}

interface Waiting {
  records: DecisionRecord[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * The decision log: an append-only chain of decision records, global to the database. Each
 * entry claims the next sequence number by inserting `log#<seq>` (a unique insert, exact on
 * FerretDB), carries the previous entry's hash and holds the records of one or more decisions.
 *
 * Every process keeps the whole log in memory (records are small: about 0.5 KB each), loaded
 * once at start-up and read forward by `_id` before each use, so:
 * - appending is exactly once per decision: the records are checked against the caught-up log
 *   right before the insert that can only succeed at the true head;
 * - readers (search, statistics, warnings) see every process's decisions, in log order, without
 *   a query that FerretDB would answer by reading a whole collection.
 * Appends from one process are committed together (group commit), so a burst of decisions
 * costs one insert per batch, not one per decision, and requests of one process never collide.
 */
export class DecisionLog {
  private readonly entries: DecisionLogEntryDoc[] = [];
  private readonly logged = new Map<string, DecisionRecord>();
  private loaded: Promise<void> | undefined;
  private readonly waiting: Waiting[] = [];
  private writing = false;
  private readonly listeners: ((records: DecisionRecord[]) => void)[] = [];

  constructor(
    private readonly model: Models['decisionLog'],
    private readonly options: { maxWaitMs?: number; maxBatch?: number; now?: () => number } = {},
  ) {}

  /** Reads the whole log once (start-up); later calls return at once. */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      // read in batches: each batch is one round trip, so a large log never meets the socket timeout
      const all: DecisionLogEntryDoc[] = [];
      for await (const e of this.model.find().lean<DecisionLogEntryDoc[]>().cursor({ batchSize: 500 })) all.push(e as unknown as DecisionLogEntryDoc);
      all.sort((a, b) => a.seq - b.seq);
      // only the gapless prefix counts: an entry beyond a gap is read when the gap is filled
      for (const e of all) {
        if (e.seq !== this.entries.length + 1) break;
        this.accept(e);
      }
    })().catch((e: unknown) => {
      this.loaded = undefined;
      throw e;
    });
    return this.loaded;
  }

  /** Reads the entries other processes appended since this one last looked (one read when none). */
  async catchUp(): Promise<void> {
    await this.load();
    for (;;) {
      const next = await this.model.findById(entryId(this.entries.length + 1)).lean<DecisionLogEntryDoc>();
      if (!next) return;
      this.accept(next);
    }
  }

  /** Calls `listener` with the records of every entry this process reads or writes, in log order. */
  onRecords(listener: (records: DecisionRecord[]) => void): void {
    this.listeners.push(listener);
  }

  /** Every record, in log order, the first record of a decision only (caught up by the caller). */
  records(): Iterable<DecisionRecord> {
    return this.logged.values();
  }

  get(decisionId: string): DecisionRecord | undefined {
    return this.logged.get(decisionId);
  }

  get head(): { seq: number; hash: string } {
    const last = this.entries.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  get size(): number {
    return this.logged.size;
  }

  /**
   * Appends the records of decisions not logged yet; resolves once they are stored (or were
   * already). Safe to repeat after a crash or from several processes: each decision is logged
   * once. Throws LedgerBusyError (nothing written) when the log stays contended past the wait.
   */
  append(records: DecisionRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ records, resolve, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.options.maxBatch ?? 256);
        try {
          await this.write(batch.flatMap((w) => w.records));
          for (const w of batch) w.resolve();
        } catch (e) {
          for (const w of batch) w.reject(e);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(records: DecisionRecord[]): Promise<void> {
    const now = this.options.now ?? Date.now;
    const deadline = now() + (this.options.maxWaitMs ?? 10_000);
    await this.load();
    for (;;) {
      const fresh = new Map<string, DecisionRecord>();
      for (const r of records) if (!this.logged.has(r.decisionId) && !fresh.has(r.decisionId)) fresh.set(r.decisionId, r);
      if (fresh.size === 0) return;
      const { seq, hash } = this.head;
      const entry: DecisionLogEntryDoc = { _id: entryId(seq + 1), seq: seq + 1, prevHash: hash, hash: '', records: [...fresh.values()], at: new Date(now()) };
      entry.hash = entryHash(entry);
      try {
        await this.model.create(entry);
        this.accept(entry);
        return;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        // another process took the sequence number: read what it wrote, then try again
        await this.catchUp();
        if (now() > deadline) throw new LedgerBusyError('decision-log');
        await new Promise((r) => setTimeout(r, Math.random() * 4));
      }
    }
  }

  private accept(entry: DecisionLogEntryDoc): void {
    if (entry.seq !== this.entries.length + 1) return;
    this.entries.push(entry);
    const added: DecisionRecord[] = [];
    for (const r of entry.records) {
      if (this.logged.has(r.decisionId)) continue;
      this.logged.set(r.decisionId, r);
      added.push(r);
    }
    if (added.length > 0) for (const l of this.listeners) l(added);
  }

  /**
   * Walks the stored chain from the first entry and checks every link and every decision it
   * records against the stored decision; returns the first break, or null when all holds.
   * Reads entries and decisions by `_id` only.
   */
  async verify(readDecision: (id: string) => Promise<DecisionDoc | undefined>, onProgress?: (seq: number) => void): Promise<{ entries: number; decisions: number; firstBreak: ChainBreak | null }> {
    await this.catchUp();
    const last = this.entries.length;
    let prevHash = GENESIS_HASH;
    let decisions = 0;
    for (let seq = 1; seq <= last; seq++) {
      const id = entryId(seq);
      const e = await this.model.findById(id).lean<DecisionLogEntryDoc>();
      const fail = (problem: ChainBreak['problem'], detail: string, decisionId?: string) => ({ entries: seq - 1, decisions, firstBreak: { seq, entryId: id, problem, detail, ...(decisionId ? { decisionId } : {}) } });
      if (!e) return fail('entry-missing', `entry ${id} is missing`);
      if (e.prevHash !== prevHash) return fail('previous-hash', `entry ${id} names ${e.prevHash} as its predecessor's hash; the predecessor hashes to ${prevHash}`);
      const recomputed = entryHash(e);
      if (recomputed !== e.hash) return fail('entry-hash', `entry ${id} hashes to ${recomputed}, not the ${e.hash} it records`);
      for (const r of e.records) {
        const d = await readDecision(r.decisionId);
        if (!d) return fail('decision-missing', `decision ${r.decisionId} recorded in ${id} is missing`, r.decisionId);
        const h = decisionHash(d);
        if (h !== r.decisionHash) return fail('decision-hash', `decision ${r.decisionId} hashes to ${h}, not the ${r.decisionHash} recorded in ${id}`, r.decisionId);
        decisions++;
      }
      prevHash = e.hash;
      onProgress?.(seq);
    }
    return { entries: last, decisions, firstBreak: null };
  }
}
