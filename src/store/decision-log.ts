import { canonicalJson, sha256 } from '../rules/content-hash';
import { isDuplicateKey } from './database';
import { entryText, readSegment, segmentId, segmentLine, segmentLines, segmentOf, type DecisionLogSegmentDoc } from './decision-log-segments';
import { GENESIS_HASH, HashChain } from './hash-chain';
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

export { GENESIS_HASH };

/** What a stored decision hashes to: its canonical JSON (dates as ISO strings). */
export function decisionHash(decision: DecisionDoc): string {
  return sha256(canonicalJson(JSON.parse(JSON.stringify(decision))));
}

/** An entry's hash: over its position, its predecessor's hash, its time and its records. */
export function entryHash(entry: Pick<DecisionLogEntryDoc, 'seq' | 'prevHash' | 'records' | 'at'>): string {
  return sha256(entryText(entry));
}

export function entryId(seq: number): string {
  return `log#${seq}`;
}

/** The first place where the stored chain or a decision it records differs from what was written. */
export interface ChainBreak {
  seq: number;
  entryId: string;
  decisionId?: string;
  problem: 'entry-missing' | 'entry-hash' | 'previous-hash' | 'decision-missing' | 'decision-hash' | 'record-invalid' | 'segment-differs';
  detail: string;
}

interface Waiting {
  records: DecisionRecord[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Entries per segment: a restart reads at most a few runs of entries one by one. */
export const SEGMENT_SIZE = 500;

export interface DecisionLogOptions {
  maxWaitMs?: number;
  maxBatch?: number;
  now?: () => number;
  /** Where segments are read and written (`decision_log_segments`); without it the log reads every entry at start-up. */
  segments?: Models['decisionLogSegments'];
  segmentSize?: number;
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
 *
 * Start-up reads segments (src/store/decision-log-segments.ts: each run of `segmentSize`
 * entries condensed into one document, written once by whichever process first sees the run
 * complete) by `_id` until one is missing, then the entries after them by `_id`. A segment is
 * checked as it is read — every entry's hash recomputed, every link followed, and the last
 * segment's end compared with the stored entry — and one that disagrees is refused: its
 * entries are read instead.
 */
export class DecisionLog {
  private readonly chain: HashChain<DecisionLogEntryDoc>;
  private readonly logged = new Map<string, DecisionRecord>();
  private readonly waiting: Waiting[] = [];
  private writing = false;
  private readonly listeners: ((records: DecisionRecord[]) => void)[] = [];
  /** Segments 1..segmentsKnown are stored (read, written, or refused: never written again). */
  private segmentsKnown = 0;
  private segmentWrites: Promise<void> = Promise.resolve();
  /** The segments refused at start-up, with the reason (their entries were read instead). */
  readonly refusedSegments: { k: number; reason: string }[] = [];

  constructor(
    private readonly model: Models['decisionLog'],
    private readonly options: DecisionLogOptions = {},
  ) {
    this.chain = new HashChain<DecisionLogEntryDoc>(model as never, entryId, (e) => this.accept(e));
  }

  private get segmentSize(): number {
    return this.options.segmentSize ?? SEGMENT_SIZE;
  }

  /** Reads the whole log once (start-up); later calls return at once. */
  load(): Promise<void> {
    return this.chain.load(() => (this.options.segments ? this.readSegmentsThenEntries(this.options.segments) : this.chain.readAll()));
  }

  private async readSegmentsThenEntries(segments: NonNullable<DecisionLogOptions['segments']>): Promise<void> {
    const size = this.segmentSize;
    const staged: DecisionLogEntryDoc[] = [];
    let prevHash = GENESIS_HASH;
    for (let k = 1; ; k++) {
      const doc = await segments.findById(segmentId(k)).lean<DecisionLogSegmentDoc>();
      if (!doc) break;
      this.segmentsKnown = k;
      const first = (k - 1) * size + 1;
      let run = readSegment(doc, { first, size, prevHash, idOf: entryId });
      if (typeof run === 'string') {
        this.refusedSegments.push({ k, reason: run });
        run = await this.readRun(first, size, prevHash);
        staged.push(...run);
        if (run.length < size) break;
      } else staged.push(...run);
      prevHash = staged.at(-1)!.hash;
    }
    // the segments' end is the stored entry's: else they do not hold the stored chain
    const anchor = staged.length > 0 ? await this.chain.read(staged.length) : null;
    const agree = !anchor || anchor.hash === prevHash;
    if (!agree) this.refusedSegments.push({ k: this.segmentsKnown, reason: `the segments end at ${prevHash}, entry ${entryId(staged.length)} at ${anchor?.hash ?? 'nothing'}` });
    else for (const e of staged) this.chain.accept(e);
    // the entries after them: by `_id`, unless runs of them have no segment yet (a log written
    // before segments) or the segments were refused as a whole
    if (!agree || (await this.chain.read(this.chain.length + 4 * size))) await this.chain.readAll();
    else await this.chain.readForward();
  }

  /** The stored entries `first`.. (`size` of them, fewer at a gap or a broken link), by `_id`. */
  private async readRun(first: number, size: number, prevHash: string): Promise<DecisionLogEntryDoc[]> {
    const run: DecisionLogEntryDoc[] = [];
    for (let i = 0; i < size; i += 16) {
      const window = await Promise.all(Array.from({ length: Math.min(16, size - i) }, (_, j) => this.chain.read(first + i + j)));
      for (const e of window) {
        if (!e || e.prevHash !== (run.at(-1)?.hash ?? prevHash)) return run;
        run.push(e);
      }
    }
    return run;
  }

  /** How many segments this process knows to be stored (1..n: read, written by it or found written). */
  get segmentsStored(): number {
    return this.segmentsKnown;
  }

  /** Resolves once the segments this process has begun to write are stored (or found written). */
  segmentsWritten(): Promise<void> {
    return this.segmentWrites;
  }

  private writeSegment(k: number): void {
    const segments = this.options.segments;
    if (!segments) return;
    const size = this.segmentSize;
    const run = this.chain.entries.slice((k - 1) * size, k * size) as DecisionLogEntryDoc[];
    this.segmentWrites = this.segmentWrites.then(async () => {
      try {
        // a unique insert: of two processes that both saw the run complete, one writes it
        await segments.create(segmentOf(k, run));
      } catch (e) {
        // another process wrote it first; any other failure leaves it to a later run or start
        if (!isDuplicateKey(e)) return;
      }
      this.segmentsKnown = Math.max(this.segmentsKnown, k);
    });
  }

  /** Reads the entries other processes appended since this one last looked (one read when none). */
  catchUp(): Promise<void> {
    return this.chain.catchUp();
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
    return this.chain.head;
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
    await this.chain.append(
      (next) => {
        // the records are checked against the log as read right before each try
        const fresh = new Map<string, DecisionRecord>();
        for (const r of records) if (!this.logged.has(r.decisionId) && !fresh.has(r.decisionId)) fresh.set(r.decisionId, r);
        if (fresh.size === 0) return undefined;
        const entry: DecisionLogEntryDoc = { ...next, hash: '', records: [...fresh.values()], at: new Date(now()) };
        entry.hash = entryHash(entry);
        return entry;
      },
      { busy: 'decision-log', maxWaitMs: this.options.maxWaitMs, now },
    );
  }

  /** Takes an entry's records (called by the chain with each entry it takes, in order). */
  private accept(entry: DecisionLogEntryDoc): void {
    const added: DecisionRecord[] = [];
    for (const r of entry.records) {
      if (this.logged.has(r.decisionId)) continue;
      this.logged.set(r.decisionId, r);
      added.push(r);
    }
    if (added.length > 0) for (const l of this.listeners) l(added);
    const k = entry.seq / this.segmentSize;
    if (this.options.segments && Number.isInteger(k) && k > this.segmentsKnown) this.writeSegment(k);
  }

  /**
   * Walks the stored chain from the first entry and checks every link and every decision it
   * records against the stored decision, and every segment against the entries it condenses;
   * returns the first break, or null when all holds. Reads entries, segments and decisions by
   * `_id` only.
   */
  async verify(readDecision: (id: string) => Promise<DecisionDoc | undefined>, onProgress?: (seq: number) => void): Promise<{ entries: number; decisions: number; firstBreak: ChainBreak | null }> {
    await this.catchUp();
    const last = this.chain.length;
    const size = this.segmentSize;
    let prevHash = GENESIS_HASH;
    let decisions = 0;
    let run: string[] = [];
    for (let seq = 1; seq <= last; seq++) {
      const id = entryId(seq);
      const e = await this.chain.read(seq);
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
      run.push(segmentLine(e));
      if (seq % size === 0) {
        const differs = await this.segmentDiffering(seq / size, run);
        if (differs !== null) {
          const at = seq - size + 1 + differs;
          return { entries: seq, decisions, firstBreak: { seq: at, entryId: entryId(at), problem: 'segment-differs', detail: `segment ${segmentId(seq / size)} differs from the stored entry ${entryId(at)} it condenses` } };
        }
        run = [];
      }
      onProgress?.(seq);
    }
    return { entries: last, decisions, firstBreak: null };
  }

  /** The index of the first line where a stored segment differs from its entries' lines; null when it agrees or is not written. */
  private async segmentDiffering(k: number, lines: string[]): Promise<number | null> {
    const doc = this.options.segments ? await this.options.segments.findById(segmentId(k)).lean<DecisionLogSegmentDoc>() : null;
    if (!doc) return null;
    const stored = segmentLines(doc);
    if (!stored) return 0;
    for (let i = 0; i < Math.max(lines.length, stored.length); i++) if (stored[i] !== lines[i]) return Math.min(i, lines.length - 1);
    if (doc.lastHash !== lines.at(-1)!.slice(0, lines.at(-1)!.indexOf(' '))) return lines.length - 1;
    return null;
  }
}
