import { Schema, type Connection, type Model } from 'mongoose';
import type { CorrectionEntryDoc } from './correction-chain';
import type { DecisionLogEntryDoc } from './decision-log';
import type { DecisionLogSegmentDoc } from './decision-log-segments';
import { defineAutoGrantModels } from './auto-grant-models';
import { defineMatchingModels } from './matching-models';
import { defineProfileModels } from './profile-models';
import type { InputProvenance } from '../adjudication/provenance';
import { defineWebhookModels } from './webhook-models';

/**
 * Collections. Money is integer fen (no Decimal128 on FerretDB); documents are written once
 * and never modified (a submission slot's pending marker is rewritten by its own process).
 */
const common = { versionKey: false, strict: 'throw', minimize: false } as const;

export interface ApplicationDoc {
  _id: string;
  program: string;
  beneficiary: { uscc: string; name: string; jurisdiction: string };
  applicationDate: string;
  facts: Record<string, unknown>;
  requestHash: string;
  client: string;
  receivedAt: Date;
  /** An application date set by policy staff or an administrator instead of the receipt date. */
  backfiled?: { by: string; reason: string };
  /** The profile the application referred to and the facts taken from it (see adjudication/provenance.ts). */
  provenance?: InputProvenance;
  /** The Idempotency-Key the client sent it with: a retry with the key finds it (see Submissions). */
  idempotencyKey?: string;
}

export interface DecisionDoc {
  _id: string;
  applicationId: string;
  program: string;
  beneficiaryUscc: string;
  /** Copied from the application, so access to a decision is checked without reading it. */
  beneficiaryJurisdiction: string;
  client: string;
  outcome: string;
  amountFen: number | null;
  ruleHash: string | null;
  /** The decision this one tops up (same application, a higher-level program). */
  topUpOf: string | null;
  /** Decisions topping this one up. */
  topUps: string[];
  explanation: Record<string, unknown>;
  /** Flags for a reviewer, outside the explanation (e.g. a USCC issued outside the declared jurisdiction). */
  marks?: { code: string; detail: string }[];
  decidedAt: Date;
}

export interface RuleVersionDoc {
  _id: string;
  program: string;
  version: string;
  status: string;
  contentHash: string;
  text: string;
  firstSeenAt: Date;
}

export interface LedgerEntryDoc {
  _id: string;
  ledger: string;
  seq: number;
  holder: string;
  kind: 'take' | 'give-back';
  units: number;
  usedAfter: number;
  at: Date;
}

/** A fast, by-_id record of a holder's entry in a ledger: `ledger|holder|kind`. */
export interface LedgerReceiptDoc {
  _id: string;
  seq: number;
  units: number;
  usedAfter: number;
}

export interface ApiKeyDoc {
  _id: string;
  name: string;
  role: string;
  jurisdictions: string[];
  secretHash: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/**
 * An application that will never be decided: its attempt failed (the client was told so) or its
 * decision failed at recovery. Written before anything it reserved is released; recovery and
 * retries skip it. Administrators list these.
 */
export interface SetAsideDoc {
  _id: string;
  program: string;
  beneficiaryJurisdiction: string;
  client: string;
  /** submission: the client got an error; recovery: deciding it at start-up failed. */
  stage: 'submission' | 'recovery';
  error: string;
  at: Date;
}

/** One imported prior award (an award paid before the service), by `import:<source>:<row>`. */
export interface PriorAwardDoc {
  _id: string;
  source: string;
  row: string;
  ref: string;
  program: string;
  beneficiaryUscc: string;
  requestHash: string;
  /** The ledgers it was entered in, with the holder and units of each entry. */
  ledgers: { ledger: string; holder: string; units: number }[];
  importedAt: Date;
}

/** Which imported award holds a ledger entry: `ledger|holder` (a distinct-year holder names no source itself). */
export interface PriorAwardMarkDoc {
  _id: string;
  importId: string;
  source: string;
  row: string;
  ref: string;
}

/** One audit event (src/audit/): written once under a fresh id, never updated. `data` is JSON text (no key rules to meet). */
export interface AuditEventDoc {
  _id: string;
  type: string;
  at: Date;
  actor: { keyId?: string; role?: string; system?: string };
  jurisdictions: string[];
  subject?: string;
  data: string;
}

/** A submission slot `<process>:<n>` and the applications its last request may have stored (see PendingSlots). */
export interface PendingDoc {
  _id: string;
  /** Absent in markers written before slots, whose _id is the application's. */
  applicationIds?: string[];
  since: Date;
}

export type Models = ReturnType<typeof defineModels>;

export function defineModels(conn: Connection) {
  const applications = new Schema<ApplicationDoc>(
    {
      _id: String,
      program: { type: String, required: true },
      beneficiary: { uscc: { type: String, required: true }, name: String, jurisdiction: String },
      applicationDate: { type: String, required: true },
      facts: { type: Schema.Types.Mixed, required: true },
      requestHash: String,
      client: String,
      receivedAt: Date,
      backfiled: { type: new Schema({ by: String, reason: String }, { _id: false, ...common }), required: false },
      provenance: { type: Schema.Types.Mixed, required: false },
      idempotencyKey: { type: String, required: false },
    },
    common,
  );
  const decisions = new Schema<DecisionDoc>(
    {
      _id: String,
      applicationId: { type: String, required: true },
      program: String,
      beneficiaryUscc: { type: String, index: true },
      beneficiaryJurisdiction: String,
      client: String,
      outcome: String,
      amountFen: Number,
      ruleHash: String,
      topUpOf: String,
      topUps: [String],
      explanation: { type: Schema.Types.Mixed, required: true },
      marks: { type: [new Schema({ code: String, detail: String }, { _id: false, ...common })], default: undefined },
      decidedAt: Date,
    },
    common,
  );
  decisions.index({ applicationId: 1, program: 1 }, { unique: true });
  const ruleVersions = new Schema<RuleVersionDoc>(
    { _id: String, program: String, version: String, status: String, contentHash: String, text: String, firstSeenAt: Date },
    common,
  );
  ruleVersions.index({ program: 1, version: 1 });
  const ledgerEntries = new Schema<LedgerEntryDoc>(
    { _id: String, ledger: String, seq: Number, holder: String, kind: String, units: Number, usedAfter: Number, at: Date },
    common,
  );
  ledgerEntries.index({ ledger: 1, seq: -1 });
  ledgerEntries.index({ ledger: 1, holder: 1, kind: 1 }, { unique: true });
  const ledgerReceipts = new Schema<LedgerReceiptDoc>({ _id: String, seq: Number, units: Number, usedAfter: Number }, common);
  const setAside = new Schema<SetAsideDoc>(
    { _id: String, program: String, beneficiaryJurisdiction: String, client: String, stage: String, error: String, at: Date },
    common,
  );
  const pending = new Schema<PendingDoc>({ _id: String, applicationIds: { type: [String], default: undefined }, since: Date }, common);
  const apiKeys = new Schema<ApiKeyDoc>(
    { _id: String, name: String, role: String, jurisdictions: [String], secretHash: String, createdAt: Date, revokedAt: { type: Date, default: null } },
    common,
  );
  const priorAwards = new Schema<PriorAwardDoc>(
    { _id: String, source: String, row: String, ref: String, program: String, beneficiaryUscc: String, requestHash: String, ledgers: [{ _id: false, ledger: String, holder: String, units: Number }], importedAt: Date },
    common,
  );
  // records are checked against schemas/decision-record.schema.json where they are built
  const decisionLog = new Schema<DecisionLogEntryDoc>(
    { _id: String, seq: Number, prevHash: String, hash: String, records: { type: Schema.Types.Mixed, required: true }, at: Date },
    common,
  );
  // segments condense runs of log entries (src/store/decision-log-segments.ts): written once, checked when read
  const decisionLogSegments = new Schema<DecisionLogSegmentDoc>({ _id: String, k: Number, first: Number, last: Number, lastHash: String, body: Buffer }, common);
  const auditEvents = new Schema<AuditEventDoc>(
    { _id: String, type: String, at: Date, actor: { keyId: String, role: String, system: String }, jurisdictions: [String], subject: String, data: String },
    common,
  );
  const decisionCorrections = new Schema<CorrectionEntryDoc>(
    { _id: String, seq: Number, prevHash: String, hash: String, correction: { type: Schema.Types.Mixed, required: true } },
    common,
  );
  const priorAwardMarks = new Schema<PriorAwardMarkDoc>({ _id: String, importId: String, source: String, row: String, ref: String }, common);
  return {
    priorAwards: conn.model('PriorAward', priorAwards, 'prior_awards'),
    priorAwardMarks: conn.model('PriorAwardMark', priorAwardMarks, 'prior_award_marks'),
    applications: conn.model<ApplicationDoc>('Application', applications, 'applications'),
    decisions: conn.model('Decision', decisions, 'decisions'),
    ruleVersions: conn.model('RuleVersion', ruleVersions, 'rule_versions'),
    ledgerEntries: conn.model('LedgerEntry', ledgerEntries, 'ledger_entries'),
    ledgerReceipts: conn.model('LedgerReceipt', ledgerReceipts, 'ledger_receipts'),
    pending: conn.model('Pending', pending, 'pending_applications'),
    setAside: conn.model('SetAside', setAside, 'set_aside_applications'),
    apiKeys: conn.model('ApiKey', apiKeys, 'api_keys'),
    decisionLog: conn.model('DecisionLogEntry', decisionLog, 'decision_log'),
    decisionLogSegments: conn.model('DecisionLogSegment', decisionLogSegments, 'decision_log_segments'),
    auditEvents: conn.model('AuditEvent', auditEvents, 'audit_events'),
    ...defineWebhookModels(conn),
    ...defineProfileModels(conn),
    ...defineMatchingModels(conn),
    ...defineAutoGrantModels(conn),
    decisionCorrections: conn.model('DecisionCorrection', decisionCorrections, 'decision_corrections'),
  };
}
