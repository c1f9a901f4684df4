import { trusted, type Model } from 'mongoose';
import { ApiKeyStore } from './api-key-store';
import { isDuplicateKey } from './database';
import { randomUUID } from 'node:crypto';
import type { ApplicationDoc, DecisionDoc, Models, PriorAwardDoc, PriorAwardMarkDoc, RuleVersionDoc, SetAsideDoc } from './models';
import { DecisionLog } from './decision-log';
import { MongoLedgers } from './mongo-ledgers';

/** Inserts a document; false when one with its _id was there already (a retry or a recovery). */
export async function insertOnce<T>(model: { create(doc: T): Promise<unknown> }, doc: T): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return false;
  }
}

/**
 * Documents written once under an _id and read back by it — every read here is by _id, the only
 * lookup FerretDB serves from an index on both backends (see id-indexes.ts).
 */
class WriteOnce<T extends { _id: string }> {
  constructor(protected readonly model: Model<T>) {}

  /** Stores the document unless one with its _id exists; true when this call stored it. */
  insertOnce(doc: T): Promise<boolean> {
    return insertOnce(this.model as unknown as { create(doc: T): Promise<unknown> }, doc);
  }

  async get(id: string): Promise<T | undefined> {
    return ((await this.model.findById(id).lean()) as T | null) ?? undefined;
  }

  /** The document stored under the _id: this one if it was new, the earlier one otherwise. */
  async insertOrGet(doc: T): Promise<T> {
    return (await this.insertOnce(doc)) ? doc : (await this.get(doc._id))!;
  }
}

export class DecisionsRepository extends WriteOnce<DecisionDoc> {
  /** Several decisions by _id (a base decision's top-ups), in the order asked; missing ones left out. */
  async getAll(ids: string[]): Promise<DecisionDoc[]> {
    const found = await Promise.all(ids.map((id) => this.get(id)));
    return found.filter((d): d is DecisionDoc => d !== undefined);
  }

  /** Removes decisions a failed attempt wrote itself (setting its application aside). */
  async removeAll(ids: string[]): Promise<void> {
    await this.model.deleteMany({ _id: trusted({ $in: ids }) });
  }

  /**
   * Stores the decisions of one application in order, each unless one with its _id exists: one
   * command when none exists (the usual case); from the first that exists on, one by one.
   * Answers what is stored under each _id, and which of them this call wrote.
   */
  async insertAllOnce(docs: DecisionDoc[]): Promise<{ stored: DecisionDoc[]; written: string[] }> {
    let done = 0;
    try {
      await this.model.insertMany(docs, { ordered: true });
      done = docs.length;
    } catch (e) {
      if (!isDuplicateKey(e) && !isDuplicateKey((e as { writeErrors?: unknown[] }).writeErrors?.[0])) throw e;
      // ordered: the documents before the first duplicate were written by this call
      const first = firstFailedIndex(e);
      if (first === undefined) throw e;
      done = first;
    }
    const stored = docs.slice(0, done);
    const written = stored.map((d) => d._id);
    for (const doc of docs.slice(done)) {
      if (await this.insertOnce(doc)) {
        written.push(doc._id);
        stored.push(doc);
      } else stored.push((await this.get(doc._id))!);
    }
    return { stored, written };
  }
}

function firstFailedIndex(e: unknown): number | undefined {
  const errors = (e as { writeErrors?: { index?: number; err?: { index?: number } }[] | { index?: number } }).writeErrors;
  const first = Array.isArray(errors) ? errors[0] : errors;
  const index = first?.index ?? (first as { err?: { index?: number } } | undefined)?.err?.index;
  return typeof index === 'number' ? index : undefined;
}

/** Applications: written once; the first a client files for a firm also stands for that filing. */
export class ApplicationsRepository extends WriteOnce<ApplicationDoc> {
  async exists(id: string): Promise<boolean> {
    return (await this.model.exists({ _id: id })) !== null;
  }
}

/** A submission slot held by one request: its marker names the applications it may store. */
export interface Slot {
  /** Points the marker at other applications (a retry making a new attempt). */
  point(applicationIds: string[]): Promise<void>;
  /** Frees the slot for the next request; its marker stays until that request overwrites it. */
  release(): void;
  /** Keeps the slot out of use, so its marker stays for recovery (work left unfinished). */
  keep(): void;
}

/**
 * Pending markers, one per submission slot of a process (`<process>:<n>`): a request points its
 * slot at the ids it may store its application under (one upsert by _id, written only by this
 * process) before it stores anything, and leaves the marker there when done; the next request
 * in that slot overwrites it. So a marker names applications that are missing, in flight or
 * complete, and recovery at start-up, which reads them all (a collection of a few documents per
 * process), decides those stored and left undecided. A clean stop removes the markers of idle
 * slots; recovery removes the markers it has handled.
 */
export class PendingSlots {
  private readonly free: number[] = [];
  private size = 0;
  readonly process: string;

  constructor(private readonly model: Models['pending'], process = randomUUID()) {
    this.process = process;
  }

  async hold(applicationIds: string[]): Promise<Slot> {
    const n = this.free.pop() ?? this.size++;
    const id = `${this.process}:${n}`;
    const point = async (ids: string[]) => {
      await this.model.replaceOne({ _id: id }, { _id: id, applicationIds: ids, since: new Date() }, { upsert: true });
    };
    try {
      await point(applicationIds);
    } catch (e) {
      this.free.push(n);
      throw e;
    }
    let done = false;
    return {
      point,
      release: () => {
        if (!done) this.free.push(n);
        done = true;
      },
      keep: () => {
        done = true;
      },
    };
  }

  /** Every marker of every process, with the applications it names: read at start-up only. */
  async all(): Promise<{ id: string; applicationIds: string[] }[]> {
    // a marker written before slots (one per application) is named by the application itself
    return (await this.model.find().lean()).map((p) => ({ id: p._id, applicationIds: p.applicationIds ?? [p._id] }));
  }

  async remove(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }

  /** Removes the markers of this process's idle slots (a clean stop); a slot in use keeps its own. */
  async clearIdle(): Promise<void> {
    if (this.free.length === 0) return;
    await this.model.deleteMany({ _id: trusted({ $in: this.free.map((n) => `${this.process}:${n}`) }) });
  }
}

/** Applications set aside (never to be decided or paid), by application id. */
export class SetAsideRepository extends WriteOnce<SetAsideDoc> {
  async has(applicationId: string): Promise<boolean> {
    return (await this.model.exists({ _id: applicationId })) !== null;
  }

  /** The oldest first, at most `max`: an administrator's list (a small collection). */
  async list(max = 1000): Promise<SetAsideDoc[]> {
    return (await this.model.find().sort({ at: 1 }).limit(max).lean()) as SetAsideDoc[];
  }
}

/** The rule texts the service has loaded, by rule hash. */
export class RuleVersionsRepository extends WriteOnce<RuleVersionDoc> {
  /** A published version of the program stored under another content hash (read at start-up: a query by fields). */
  async publishedOtherwise(program: string, version: string, contentHash: string): Promise<RuleVersionDoc | undefined> {
    return ((await this.model.findOne({ program, version, status: 'published', contentHash: trusted({ $ne: contentHash }) }).lean()) as RuleVersionDoc | null) ?? undefined;
  }
}

/** Imported prior awards (`import:<source>:<row>`) and the marks naming which one holds a ledger entry. */
export class PriorAwardsRepository extends WriteOnce<PriorAwardDoc> {}
export class PriorAwardMarksRepository extends WriteOnce<PriorAwardMarkDoc> {}

export interface Repositories {
  applications: ApplicationsRepository;
  decisions: DecisionsRepository;
  pending: PendingSlots;
  setAside: SetAsideRepository;
  ruleVersions: RuleVersionsRepository;
  priorAwards: PriorAwardsRepository;
  priorAwardMarks: PriorAwardMarksRepository;
  ledgers: MongoLedgers;
  keys: ApiKeyStore;
  /** The chained decision records, kept in memory per process (search, statistics, verify). */
  decisionLog: DecisionLog;
}

/** The repositories over one connection's models: the only way services and handlers reach MongoDB. */
export function createRepositories(models: Models, options: { apiKeysFile?: string; ledgers?: MongoLedgers; keys?: ApiKeyStore; decisionLog?: DecisionLog } = {}): Repositories {
  return {
    applications: new ApplicationsRepository(models.applications),
    decisions: new DecisionsRepository(models.decisions as unknown as Model<DecisionDoc>),
    pending: new PendingSlots(models.pending),
    setAside: new SetAsideRepository(models.setAside as unknown as Model<SetAsideDoc>),
    ruleVersions: new RuleVersionsRepository(models.ruleVersions as unknown as Model<RuleVersionDoc>),
    priorAwards: new PriorAwardsRepository(models.priorAwards as unknown as Model<PriorAwardDoc>),
    priorAwardMarks: new PriorAwardMarksRepository(models.priorAwardMarks as unknown as Model<PriorAwardMarkDoc>),
    ledgers: options.ledgers ?? new MongoLedgers(models),
    keys: options.keys ?? new ApiKeyStore(models, options.apiKeysFile),
    decisionLog: options.decisionLog ?? new DecisionLog(models.decisionLog, { segments: models.decisionLogSegments }),
  };
}
