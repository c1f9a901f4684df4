import { LedgerBusyError } from '../adjudication/ledgers';
import { canonicalJson, sha256 } from '../rules/content-hash';
import { isDuplicateKey } from './database';
import { GENESIS_HASH } from './decision-log';
import type { Models } from './models';

/** A correction or withdrawal of a stored decision: a new record referencing it; the decision itself never changes. */
export interface Correction {
  id: string;
  decisionId: string;
  kind: 'correction' | 'withdrawal';
  reason: string;
  /** The outcome and amount that stand after the correction (a withdrawal: none). */
  outcome: 'approved' | 'partial' | 'rejected' | 'needs-information' | null;
  amountFen: number | null;
  by: { keyId: string; role: string };
  at: string;
  /** The corrected decision's hash as the decision log records it: what the correction refers to. */
  decisionHash: string;
}

export interface CorrectionEntryDoc {
  _id: string;
  seq: number;
  prevHash: string;
  hash: string;
  correction: Correction;
}

export const correctionEntryId = (seq: number) => `correction#${seq}`;

export function correctionEntryHash(e: Pick<CorrectionEntryDoc, 'seq' | 'prevHash' | 'correction'>): string {
  return sha256(canonicalJson({ seq: e.seq, prevHash: e.prevHash, correction: e.correction }));
}

/**
 * Corrections in a hash chain of their own (`correction#<seq>`, unique inserts, each naming its
 * predecessor's hash), kept in memory per process like the decision log: few, read once, then
 * forward by `_id`. Appends of one process are serialised; between processes the unique `_id`
 * decides and the loser reads forward and tries again.
 */
export class CorrectionChain {
  private readonly entries: CorrectionEntryDoc[] = [];
  private loaded: Promise<void> | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly model: Models['decisionCorrections']) {}

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const all = (await this.model.find().lean<CorrectionEntryDoc[]>()).sort((a, b) => a.seq - b.seq);
      for (const e of all) if (e.seq === this.entries.length + 1) this.entries.push(e);
    })().catch((e: unknown) => {
      this.loaded = undefined;
      throw e;
    });
    return this.loaded;
  }

  async catchUp(): Promise<void> {
    await this.load();
    for (;;) {
      const next = await this.model.findById(correctionEntryId(this.entries.length + 1)).lean<CorrectionEntryDoc>();
      if (!next) return;
      this.entries.push(next);
    }
  }

  async of(decisionId: string): Promise<Correction[]> {
    await this.catchUp();
    return this.entries.filter((e) => e.correction.decisionId === decisionId).map((e) => e.correction);
  }

  append(correction: Correction): Promise<CorrectionEntryDoc> {
    const run = this.tail.then(() => this.write(correction));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async write(correction: Correction): Promise<CorrectionEntryDoc> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await this.catchUp();
      const seq = this.entries.length + 1;
      const entry: CorrectionEntryDoc = { _id: correctionEntryId(seq), seq, prevHash: this.entries.at(-1)?.hash ?? GENESIS_HASH, hash: '', correction };
      entry.hash = correctionEntryHash(entry);
      try {
        await this.model.create(entry);
        this.entries.push(entry);
        return entry;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        if (Date.now() > deadline) throw new LedgerBusyError('corrections');
      }
    }
  }

  /** Walks the stored chain (by `_id`): each link, each hash, and each correction's reference to a logged decision. */
  async verify(recordedHash: (decisionId: string) => string | undefined): Promise<{ entries: number; firstBreak: { seq: number; entryId: string; problem: string; detail: string; decisionId?: string } | null }> {
    await this.catchUp();
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= this.entries.length; seq++) {
      const id = correctionEntryId(seq);
      const e = await this.model.findById(id).lean<CorrectionEntryDoc>();
      const fail = (problem: string, detail: string, decisionId?: string) => ({ entries: seq - 1, firstBreak: { seq, entryId: id, problem, detail, ...(decisionId ? { decisionId } : {}) } });
      if (!e) return fail('entry-missing', `correction entry ${id} is missing`);
      if (e.prevHash !== prevHash) return fail('previous-hash', `correction entry ${id} names ${e.prevHash} as its predecessor's hash; the predecessor hashes to ${prevHash}`);
      const h = correctionEntryHash(e);
      if (h !== e.hash) return fail('entry-hash', `correction entry ${id} hashes to ${h}, not the ${e.hash} it records`);
      if (recordedHash(e.correction.decisionId) !== e.correction.decisionHash) return fail('decision-reference', `correction ${e.correction.id} refers to decision ${e.correction.decisionId} as ${e.correction.decisionHash}, which the decision log does not record`, e.correction.decisionId);
      prevHash = e.hash;
    }
    return { entries: this.entries.length, firstBreak: null };
  }
}
