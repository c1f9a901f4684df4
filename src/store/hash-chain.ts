import type { Model } from 'mongoose';
import { LedgerBusyError } from '../adjudication/ledgers';
import { isDuplicateKey } from './database';

export const GENESIS_HASH = `sha256:${'0'.repeat(64)}`;

/** A link of a hash chain: `<prefix><seq>`, written once by a unique insert, never changed. */
export interface ChainLink {
  _id: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/** The most `_id` lookups a forward read sends at once. */
const WINDOW = 16;

/**
 * The reader and appender of a hash chain of documents (the decision log, the corrections),
 * kept in memory per process: read once at start-up, then forward by `_id` (the only lookup
 * FerretDB serves by an index). Appends claim the next sequence number by a unique insert
 * (exact on FerretDB); a process that loses the race reads forward and tries again.
 */
export class HashChain<E extends ChainLink> {
  private readonly list: E[] = [];
  private loaded: Promise<void> | undefined;

  constructor(
    private readonly model: Model<E>,
    private readonly idOf: (seq: number) => string,
    /** Called with each entry taken into the chain, in order. */
    private readonly onEntry: (entry: E) => void = () => undefined,
  ) {}

  get length(): number {
    return this.list.length;
  }

  get head(): { seq: number; hash: string } {
    const last = this.list.at(-1);
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** The entries held, in order (entry `seq` at index `seq - 1`). */
  get entries(): readonly E[] {
    return this.list;
  }

  /** Takes the entry if it is the next one; returns whether it did. */
  accept(entry: E): boolean {
    if (entry.seq !== this.list.length + 1) return false;
    this.list.push(entry);
    this.onEntry(entry);
    return true;
  }

  /** The start-up read, once (`initial`, by default every entry by a cursor); later calls return at once; a failed read is tried again. */
  load(initial: () => Promise<void> = () => this.readAll()): Promise<void> {
    this.loaded ??= initial().catch((e: unknown) => {
      this.loaded = undefined;
      throw e;
    });
    return this.loaded;
  }

  /**
   * Reads every stored entry in batches of 500 (each batch is one round trip, so a large chain
   * never meets the socket timeout) and takes the gapless run after the head: an entry beyond a
   * gap is read when the gap is filled.
   */
  async readAll(): Promise<void> {
    const all: E[] = [];
    for await (const e of this.model.find().lean<E[]>().cursor({ batchSize: 500 })) all.push(e as unknown as E);
    all.sort((a, b) => a.seq - b.seq);
    for (const e of all) {
      if (e.seq <= this.list.length) continue;
      if (!this.accept(e)) break;
    }
  }

  /**
   * Reads the entries after the head by `_id` until one is missing: one lookup first (the usual
   * answer is none), then, while every lookup finds its entry, windows of lookups sent at once,
   * doubling up to 16, so a long run of entries costs round trips by the window, not by the entry.
   */
  async readForward(): Promise<void> {
    for (let size = 1; ; size = Math.min(2 * size, WINDOW)) {
      const from = this.list.length + 1;
      const window = await Promise.all(Array.from({ length: size }, (_, i) => this.read(from + i)));
      for (const e of window) {
        if (!e || !this.accept(e)) return;
      }
    }
  }

  /** Reads the entries other processes appended since this one last looked (one window of reads when none). */
  async catchUp(): Promise<void> {
    await this.load();
    await this.readForward();
  }

  /** One stored entry, by `_id`. */
  async read(seq: number): Promise<E | null> {
    return (await this.model.findById(this.idOf(seq)).lean<E>()) as E | null;
  }

  /**
   * Appends the entry `make` builds at the head (it returns undefined when nothing is left to
   * write) and returns it. When another process took the sequence number, reads forward and
   * builds again; throws LedgerBusyError (nothing written) once `maxWaitMs` has passed.
   */
  async append(make: (next: { _id: string; seq: number; prevHash: string }) => E | undefined, options: { busy: string; maxWaitMs?: number; now?: () => number }): Promise<E | undefined> {
    const now = options.now ?? Date.now;
    const deadline = now() + (options.maxWaitMs ?? 10_000);
    await this.load();
    for (;;) {
      const { seq, hash } = this.head;
      const entry = make({ _id: this.idOf(seq + 1), seq: seq + 1, prevHash: hash });
      if (!entry) return undefined;
      try {
        await this.model.create(entry);
        this.accept(entry);
        return entry;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        // another process took the sequence number: read what it wrote, then try again
        await this.catchUp();
        if (now() > deadline) throw new LedgerBusyError(options.busy);
        await new Promise((r) => setTimeout(r, Math.random() * 4));
      }
    }
  }
}
