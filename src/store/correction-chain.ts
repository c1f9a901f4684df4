import { canonicalJson, sha256 } from '../rules/content-hash';
import { GENESIS_HASH, HashChain } from './hash-chain';
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
  private readonly chain: HashChain<CorrectionEntryDoc>;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(model: Models['decisionCorrections']) {
    this.chain = new HashChain<CorrectionEntryDoc>(model as never, correctionEntryId);
  }

  catchUp(): Promise<void> {
    return this.chain.catchUp();
  }

  async of(decisionId: string): Promise<Correction[]> {
    await this.catchUp();
    return this.chain.entries.filter((e) => e.correction.decisionId === decisionId).map((e) => e.correction);
  }

  /** The latest correction of each corrected decision, by decision id (caught up first). */
  async standing(): Promise<Map<string, Correction>> {
    await this.catchUp();
    const latest = new Map<string, Correction>();
    for (const e of this.chain.entries) latest.set(e.correction.decisionId, e.correction);
    return latest;
  }

  append(correction: Correction): Promise<CorrectionEntryDoc> {
    const run = this.tail.then(() => this.write(correction));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async write(correction: Correction): Promise<CorrectionEntryDoc> {
    await this.catchUp();
    const written = await this.chain.append(
      (next) => {
        const entry: CorrectionEntryDoc = { ...next, hash: '', correction };
        entry.hash = correctionEntryHash(entry);
        return entry;
      },
      { busy: 'corrections' },
    );
    return written!;
  }

  /** Walks the stored chain (by `_id`): each link, each hash, and each correction's reference to a logged decision. */
  async verify(recordedHash: (decisionId: string) => string | undefined): Promise<{ entries: number; firstBreak: { seq: number; entryId: string; problem: string; detail: string; decisionId?: string } | null }> {
    await this.catchUp();
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= this.chain.length; seq++) {
      const id = correctionEntryId(seq);
      const e = await this.chain.read(seq);
      const fail = (problem: string, detail: string, decisionId?: string) => ({ entries: seq - 1, firstBreak: { seq, entryId: id, problem, detail, ...(decisionId ? { decisionId } : {}) } });
      if (!e) return fail('entry-missing', `correction entry ${id} is missing`);
      if (e.prevHash !== prevHash) return fail('previous-hash', `correction entry ${id} names ${e.prevHash} as its predecessor's hash; the predecessor hashes to ${prevHash}`);
      const h = correctionEntryHash(e);
      if (h !== e.hash) return fail('entry-hash', `correction entry ${id} hashes to ${h}, not the ${e.hash} it records`);
      if (recordedHash(e.correction.decisionId) !== e.correction.decisionHash) return fail('decision-reference', `correction ${e.correction.id} refers to decision ${e.correction.decisionId} as ${e.correction.decisionHash}, which the decision log does not record`, e.correction.decisionId);
      prevHash = e.hash;
    }
    return { entries: this.chain.length, firstBreak: null };
  }
}
