import { Schema, type Connection } from 'mongoose';

/**
 * Grants without application (免申即享). Insert-only:
 * - auto_grant_settings: `<program>#<n>`, the n-th change of a program's review setting (the latest wins);
 * - auto_grant_proposals: a grant the matching job found while the program's decisions are held
 *   for review, under the grant's idempotency key; approving it submits it.
 */
const common = { versionKey: false, strict: 'throw', minimize: false } as const;

export interface AutoGrantSettingDoc {
  _id: string;
  program: string;
  holdForReview: boolean;
  by: string;
  at: Date;
}

export interface AutoGrantProposalDoc {
  _id: string;
  program: string;
  beneficiary: { uscc: string; name: string; jurisdiction: string };
  asOf: string;
  run: string;
  estimatedAmount: string | null;
  sources: string[];
  createdAt: Date;
}

export function defineAutoGrantModels(conn: Connection) {
  const settings = new Schema<AutoGrantSettingDoc>({ _id: String, program: String, holdForReview: Boolean, by: String, at: Date }, common);
  const proposals = new Schema<AutoGrantProposalDoc>(
    { _id: String, program: String, beneficiary: { type: Schema.Types.Mixed, required: true }, asOf: String, run: String, estimatedAmount: { type: String, default: null }, sources: [String], createdAt: Date },
    common,
  );
  return {
    autoGrantSettings: conn.model('AutoGrantSetting', settings, 'auto_grant_settings'),
    autoGrantProposals: conn.model('AutoGrantProposal', proposals, 'auto_grant_proposals'),
  };
}

export type AutoGrantModels = ReturnType<typeof defineAutoGrantModels>;
