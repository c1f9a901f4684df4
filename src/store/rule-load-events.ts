import { Schema, type Connection, type Model } from 'mongoose';
import type { RuleLoadEvent, RuleLoadEvents } from '../service/rule-reload';

/** `errors` is a name mongoose reserves: stored as `issues`. */
interface RuleLoadEventDoc extends Omit<RuleLoadEvent, 'id' | 'at' | 'errors'> {
  _id: string;
  at: Date;
  issues: RuleLoadEvent['errors'];
}

function model(conn: Connection): Model<RuleLoadEventDoc> {
  if (conn.models.RuleLoadEvent) return conn.models.RuleLoadEvent as Model<RuleLoadEventDoc>;
  const schema = new Schema<RuleLoadEventDoc>(
    {
      _id: { type: String, required: true },
      at: { type: Date, required: true },
      kind: { type: String, required: true },
      trigger: { type: Schema.Types.Mixed, required: true },
      programs: { type: Number, required: true },
      versions: { type: Number, required: true },
      appeared: { type: Schema.Types.Mixed, required: true },
      changed: { type: Schema.Types.Mixed, required: true },
      removed: { type: Schema.Types.Mixed, required: true },
      issues: { type: Schema.Types.Mixed, required: true },
    },
    { versionKey: false, strict: 'throw', minimize: false },
  );
  return conn.model<RuleLoadEventDoc>('RuleLoadEvent', schema, 'rule_load_events');
}

/**
 * Rule loads, reloads and refused reloads, each written once under its own _id in
 * `rule_load_events`. Few (one per start or reload), so listing them is a small scan.
 */
export class MongoRuleLoadEvents implements RuleLoadEvents {
  private readonly model: Model<RuleLoadEventDoc>;

  constructor(connection: Connection) {
    this.model = model(connection);
  }

  /** Creates the collection, so the embedded database's _id index is added to it at start (src/store/id-indexes.ts). */
  async ensureCollection(): Promise<void> {
    await this.model.createCollection().catch((e: { code?: number }) => {
      if (e.code !== 48) throw e; // NamespaceExists: made by an earlier start
    });
  }

  async record(event: RuleLoadEvent): Promise<void> {
    const { id, at, errors, ...rest } = event;
    await this.model.create({ _id: id, at: new Date(at), issues: errors, ...rest });
  }

  /** The latest events, newest first. */
  async latest(limit = 20): Promise<RuleLoadEvent[]> {
    const docs = await this.model.find().sort({ at: -1 }).limit(limit).lean();
    return docs.map(({ _id, at, issues, ...rest }) => ({ id: _id, at: at.toISOString(), ...rest, errors: issues }) as RuleLoadEvent);
  }
}
