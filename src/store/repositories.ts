import type { Model } from 'mongoose';
import { ApiKeyStore } from './api-key-store';
import { isDuplicateKey } from './database';
import type { ApplicationDoc, DecisionDoc, IdempotencyDoc, Models } from './models';
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

export class ApplicationsRepository extends WriteOnce<ApplicationDoc> {}

export class DecisionsRepository extends WriteOnce<DecisionDoc> {
  /** Several decisions by _id (a base decision's top-ups), in the order asked; missing ones left out. */
  async getAll(ids: string[]): Promise<DecisionDoc[]> {
    const found = await Promise.all(ids.map((id) => this.get(id)));
    return found.filter((d): d is DecisionDoc => d !== undefined);
  }
}

/** Idempotency-Key records: claimed by a unique insert, completed by their owner. */
export class IdempotencyRepository extends WriteOnce<IdempotencyDoc> {
  /** Claims the key: undefined when this call claimed it, else the record found. */
  async claim(doc: IdempotencyDoc): Promise<IdempotencyDoc | undefined> {
    if (await this.insertOnce(doc)) return undefined;
    return this.get(doc._id);
  }

  async markDone(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { state: 'done' } });
  }
}

/** Pending markers: an application accepted but not yet decided (what recovery completes). */
export class PendingRepository {
  constructor(private readonly model: Models['pending']) {}

  mark(applicationId: string): Promise<boolean> {
    return insertOnce(this.model, { _id: applicationId, since: new Date() });
  }

  async clear(applicationId: string): Promise<void> {
    await this.model.deleteOne({ _id: applicationId });
  }

  /** Every marker: read at start-up only (a full read of a collection kept small). */
  async all(): Promise<string[]> {
    return (await this.model.find().lean()).map((p) => p._id);
  }
}

export interface Repositories {
  applications: ApplicationsRepository;
  decisions: DecisionsRepository;
  idempotency: IdempotencyRepository;
  pending: PendingRepository;
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
    idempotency: new IdempotencyRepository(models.idempotency as unknown as Model<IdempotencyDoc>),
    pending: new PendingRepository(models.pending),
    ledgers: options.ledgers ?? new MongoLedgers(models),
    keys: options.keys ?? new ApiKeyStore(models, options.apiKeysFile),
    decisionLog: options.decisionLog ?? new DecisionLog(models.decisionLog),
  };
}
