import { Schema, type Connection, type Model } from 'mongoose';
import { insertOnce } from './repositories';

/** A risk warning as stored: raised once per condition (its `_id` is derived from the condition), never changed. */
export interface WarningDoc {
  _id: string;
  kind: 'budget-use' | 'bank-loss-ratio' | 'lifetime-cap' | 'application-burst';
  /** The condition, in words of the service: what makes two raisings the same warning. */
  key: string;
  program: string | null;
  /** The program's jurisdiction (budgets) or the beneficiary's. */
  jurisdiction: string;
  /** The area the warning concerns, up to CN: who may see it (a key's jurisdictions). */
  jurisdictionChain: string[];
  subject: { uscc?: string; name?: string; ledger?: string };
  threshold: string;
  figures: Record<string, string | number>;
  message: string;
  ref: string;
  decisionId: string | null;
  raisedAt: Date;
}

/** An acknowledgement: its own document, inserted, never changed (who, when, note). */
export interface WarningAckDoc {
  _id: string;
  warningId: string;
  by: { keyId: string; name: string; role: string };
  at: Date;
  note: string;
}

const common = { versionKey: false, strict: 'throw', minimize: false } as const;

/**
 * Risk warnings and their acknowledgements: both append-only, by unique inserts (exact on
 * FerretDB). Both collections stay small (one warning per condition), so listing reads them whole.
 */
export class WarningStore {
  private readonly warnings: Model<WarningDoc>;
  private readonly acks: Model<WarningAckDoc>;

  constructor(conn: Connection) {
    this.warnings =
      (conn.models.RiskWarning as Model<WarningDoc> | undefined) ??
      conn.model<WarningDoc>(
        'RiskWarning',
        new Schema<WarningDoc>(
          { _id: String, kind: String, key: String, program: { type: String, default: null }, jurisdiction: String, jurisdictionChain: [String], subject: { type: Schema.Types.Mixed }, threshold: String, figures: { type: Schema.Types.Mixed }, message: String, ref: String, decisionId: { type: String, default: null }, raisedAt: Date },
          common,
        ),
        'risk_warnings',
      );
    this.acks =
      (conn.models.RiskWarningAck as Model<WarningAckDoc> | undefined) ??
      conn.model<WarningAckDoc>('RiskWarningAck', new Schema<WarningAckDoc>({ _id: String, warningId: String, by: { type: Schema.Types.Mixed }, at: Date, note: String }, common), 'risk_warning_acknowledgements');
  }

  /** Creates both collections (before the embedded database indexes every collection's `_id` lookups). */
  async ensureCollections(): Promise<void> {
    for (const model of [this.warnings, this.acks] as unknown as { createCollection(): Promise<unknown> }[]) {
      await model.createCollection().catch((e: { code?: number }) => {
        if (e.code !== 48) throw e; // NamespaceExists: made by an earlier start
      });
    }
  }

  /** True when this call raised the warning; false when it had been raised before. */
  raise(doc: WarningDoc): Promise<boolean> {
    return insertOnce(this.warnings, doc);
  }

  async get(id: string): Promise<WarningDoc | undefined> {
    return (await this.warnings.findById(id).lean<WarningDoc>()) ?? undefined;
  }

  async all(): Promise<WarningDoc[]> {
    return this.warnings.find().lean<WarningDoc[]>();
  }

  async acknowledge(doc: WarningAckDoc): Promise<void> {
    await this.acks.create(doc);
  }

  async acknowledgements(): Promise<WarningAckDoc[]> {
    return this.acks.find().lean<WarningAckDoc[]>();
  }
}
