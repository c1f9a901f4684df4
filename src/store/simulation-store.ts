import { Schema, trusted, type Connection, type Model } from 'mongoose';
import type { ApplicationDoc, DecisionDoc, Models } from './models';

/**
 * What a simulation reads of the stored applications and decisions, read-only. Listing the
 * applications of a period is a scan on FerretDB (only `_id` lookups are index-served there):
 * the scan goes in pages in `_id` order (`_id > last`, a limit), so a batch job never holds
 * the collection in memory; each decision is then read by its `_id`.
 */
export class StoredApplications {
  constructor(private readonly models: Models) {}

  /** The next page of applications after `afterId` (in `_id` order) of these programs, dated within [from, to]. */
  async page(programs: string[], from: string, to: string, afterId: string | undefined, limit: number): Promise<ApplicationDoc[]> {
    // operators built here, never from a request's keys (the connection sanitises filters)
    const filter: Record<string, unknown> = { program: trusted({ $in: programs }), applicationDate: trusted({ $gte: from, $lte: to }) };
    if (afterId !== undefined) filter._id = trusted({ $gt: afterId });
    return (await this.models.applications.find(filter).sort({ _id: 1 }).limit(limit).lean()) as ApplicationDoc[];
  }

  async application(id: string): Promise<ApplicationDoc | undefined> {
    return ((await this.models.applications.findById(id).lean()) as ApplicationDoc | null) ?? undefined;
  }

  async decision(id: string): Promise<DecisionDoc | undefined> {
    return ((await this.models.decisions.findById(id).lean()) as DecisionDoc | null) ?? undefined;
  }
}

export interface SimulationJobDoc {
  _id: string;
  state: 'running' | 'done' | 'failed';
  request: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
  progress: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: string;
  finishedAt?: Date;
}

function jobModel(conn: Connection): Model<SimulationJobDoc> {
  if (conn.models.SimulationJob) return conn.models.SimulationJob as Model<SimulationJobDoc>;
  const schema = new Schema<SimulationJobDoc>(
    {
      _id: { type: String, required: true },
      state: { type: String, required: true },
      request: { type: Schema.Types.Mixed, required: true },
      createdBy: { type: String, required: true },
      createdAt: { type: Date, required: true },
      progress: { type: Schema.Types.Mixed, required: true },
      result: { type: Schema.Types.Mixed },
      error: { type: String },
      finishedAt: { type: Date },
    },
    { versionKey: false, strict: 'throw', minimize: false },
  );
  return conn.model<SimulationJobDoc>('SimulationJob', schema, 'simulation_jobs');
}

/** Simulation jobs in `simulation_jobs`: each written by the one process running it, read by `_id`. */
export class SimulationJobStore {
  private readonly model: Model<SimulationJobDoc>;

  constructor(connection: Connection) {
    this.model = jobModel(connection);
  }

  /** Creates the collection, so the embedded database's _id index is added to it at start (src/store/id-indexes.ts). */
  async ensureCollection(): Promise<void> {
    await this.model.createCollection().catch((e: { code?: number }) => {
      if (e.code !== 48) throw e; // NamespaceExists: made by an earlier start
    });
  }

  async create(doc: SimulationJobDoc): Promise<void> {
    await this.model.create(doc);
  }

  async get(id: string): Promise<SimulationJobDoc | undefined> {
    return ((await this.model.findById(id).lean()) as SimulationJobDoc | null) ?? undefined;
  }

  async progress(id: string, progress: Record<string, unknown>): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { progress } });
  }

  async finish(id: string, end: { state: 'done'; result: Record<string, unknown>; progress: Record<string, unknown> } | { state: 'failed'; error: string; progress: Record<string, unknown> }): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { ...end, finishedAt: new Date() } });
  }
}
