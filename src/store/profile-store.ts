import { trusted, type Model } from 'mongoose';
import { isDuplicateKey } from './database';
import { insertOnce } from './repositories';
import type { ProfileBatchDoc, ProfileDoc, ProfileEntryDoc, ProfileModels } from './profile-models';

/**
 * Inserts many documents, unordered; returns the indexes of those whose `_id` existed already.
 * Any other failure is thrown.
 */
async function insertMissing<T extends { _id: string }>(model: Model<T>, docs: T[]): Promise<Set<number>> {
  const duplicates = new Set<number>();
  if (!docs.length) return duplicates;
  try {
    await model.collection.insertMany(docs as never[], { ordered: false });
  } catch (e) {
    const errors = (e as { writeErrors?: { index: number; code: number }[] | { index: number; code: number } }).writeErrors;
    const list = Array.isArray(errors) ? errors : errors ? [errors] : undefined;
    if (!list || list.some((w) => w.code !== 11000)) throw e;
    for (const w of list) duplicates.add(w.index);
  }
  return duplicates;
}

/** Profiles in MongoDB: insert-only, read by `_id` (see profile-models.ts). */
export class ProfileStore {
  /** The next free index number per enterprise, as this process last saw it (a hint: claims still insert). */
  private readonly nextSeq = new Map<string, number>();

  constructor(private readonly models: ProfileModels) {}

  async batch(id: string): Promise<ProfileBatchDoc | undefined> {
    return ((await this.models.profileBatches.findById(id).lean()) as ProfileBatchDoc | null) ?? undefined;
  }

  completeBatch(doc: ProfileBatchDoc): Promise<boolean> {
    return insertOnce(this.models.profileBatches, doc);
  }

  /** Completed batches after a time, oldest first (what an incremental matching run has not seen). */
  async batchesSince(after: Date | null): Promise<ProfileBatchDoc[]> {
    // the connection sanitises filters (no operators from requests); this one is the service's own
    const filter = after ? { completedAt: trusted({ $gt: after }) } : {};
    return (await this.models.profileBatches.find(filter).sort({ completedAt: 1, _id: 1 }).lean()) as ProfileBatchDoc[];
  }

  /**
   * Stores entries (those stored before are left alone) and indexes each new one under its
   * enterprise; registers enterprises first seen. Returns the ids of entries stored before.
   */
  async addEntries(entries: ProfileEntryDoc[]): Promise<Set<string>> {
    const existed = await insertMissing(this.models.profileEntries as unknown as Model<ProfileEntryDoc>, entries);
    const fresh = entries.filter((_, i) => !existed.has(i));
    const before = new Set(entries.filter((_, i) => existed.has(i)).map((e) => e._id));
    // an entry stored by an attempt that died before indexing it: index it unless it is
    for (const e of entries.filter((x) => before.has(x._id))) {
      if (!(await this.entryIds(e.uscc)).includes(e._id)) fresh.push(e);
    }
    await this.index(fresh);
    const profiles: ProfileDoc[] = [...new Map(fresh.map((e) => [e.uscc, { _id: e.uscc, jurisdiction: e.jurisdiction, firstSeenAt: e.receivedAt }])).values()];
    await insertMissing(this.models.profiles as unknown as Model<ProfileDoc>, profiles);
    return before;
  }

  /** Claims `<uscc>#<n>` for each entry: one insert per entry when the hint is right, the next n on a collision. */
  private async index(entries: ProfileEntryDoc[]): Promise<void> {
    let queue = entries;
    while (queue.length) {
      // one entry per enterprise per round: two entries of one enterprise never race for one number
      const round: ProfileEntryDoc[] = [];
      const rest: ProfileEntryDoc[] = [];
      const seen = new Set<string>();
      for (const e of queue) (seen.has(e.uscc) ? rest : (seen.add(e.uscc), round)).push(e);
      const claims = round.map((e) => {
        const n = this.nextSeq.get(e.uscc) ?? 1;
        this.nextSeq.set(e.uscc, n + 1);
        return { _id: `${e.uscc}#${n}`, entry: e._id };
      });
      const taken = await insertMissing(this.models.profileIndex as unknown as Model<{ _id: string; entry: string }>, claims);
      queue = [...round.filter((_, i) => taken.has(i)), ...rest];
    }
  }

  /** The ids of an enterprise's entries, in the order they were indexed (duplicates removed). */
  async entryIds(uscc: string): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 1; ; n++) {
      const doc = await this.models.profileIndex.findById(`${uscc}#${n}`).lean();
      if (!doc) {
        if ((this.nextSeq.get(uscc) ?? 1) < n) this.nextSeq.set(uscc, n);
        break;
      }
      if (!ids.includes(doc.entry)) ids.push(doc.entry);
    }
    return ids;
  }

  async entries(uscc: string): Promise<ProfileEntryDoc[]> {
    const ids = await this.entryIds(uscc);
    const docs = await Promise.all(ids.map((id) => this.models.profileEntries.findById(id).lean()));
    return docs.filter((d): d is NonNullable<typeof d> => d !== null) as ProfileEntryDoc[];
  }

  async entry(id: string): Promise<ProfileEntryDoc | undefined> {
    return ((await this.models.profileEntries.findById(id).lean()) as ProfileEntryDoc | null) ?? undefined;
  }

  /**
   * Every entry, grouped by enterprise: one scan instead of a few `_id` lookups per enterprise,
   * for a run that re-reads most profiles (on FerretDB a filtered read scans the collection anyway).
   */
  async allEntries(): Promise<Map<string, ProfileEntryDoc[]>> {
    const out = new Map<string, ProfileEntryDoc[]>();
    for await (const e of this.models.profileEntries.find().lean().cursor()) {
      const doc = e as unknown as ProfileEntryDoc;
      const list = out.get(doc.uscc);
      if (list) list.push(doc);
      else out.set(doc.uscc, [doc]);
    }
    return out;
  }

  /** Every enterprise with a profile (a full read of a collection of one small document per enterprise). */
  async all(): Promise<ProfileDoc[]> {
    return (await this.models.profiles.find().lean()) as ProfileDoc[];
  }
}
