import { Schema, type Connection } from 'mongoose';

/**
 * Proactive matching (政策找企业). Insert-only under deterministic `_id`s:
 * - matching_runs: one per run, its scope, what it re-matched and how many chunks it wrote;
 * - matching_heads: `<scope>#<n>`, the n-th run of a scope, claimed by a unique insert (the
 *   latest run of a scope is the highest n: read by `_id` from the last one known);
 * - matching_chunks: `<run>#<k>`, the results of up to 500 enterprises each;
 * - matching_starts: a run asked for, written when it starts (the run itself when it finishes);
 * - matching_failures: a run that failed, and why.
 */
const common = { versionKey: false, strict: 'throw', minimize: false } as const;

export interface ProgramMatch {
  program: string;
  /** The pack (and its dependencies) the result was computed with: a change re-matches the program. */
  rules: string;
  outcome: 'approved' | 'partial' | 'rejected' | 'needs-information';
  /** Estimated from the published limits (what others used is not counted). */
  amount: string | null;
  version: string | null;
  missingFacts: string[];
  failing: { id?: string; fact: string; operator: string; expected: unknown; actual: unknown }[];
  /** For a rejected or needs-information result: the fewest changes to changeable facts that make it eligible. */
  whatWouldChange?: unknown;
  /** A grant without application made from this result (免申即享). */
  autoGrant?: { decisionId: string | null; proposalId?: string; outcome: string; amount: string | null; held: boolean };
  /** The profile's facts could not be evaluated (e.g. an amount out of range). */
  error?: string;
}

export interface EnterpriseMatch {
  uscc: string;
  name: string;
  jurisdiction: string;
  /** The profile entries applied as of the run's date: an enterprise whose entries change is re-matched. */
  profile: string;
  /** Entries (source|batch) the facts came from. */
  sources: string[];
  programs: ProgramMatch[];
}

export interface MatchingRunDoc {
  _id: string;
  scope: string;
  jurisdiction: string;
  usccs: string[] | null;
  asOf: string;
  previousRun: string | null;
  startedAt: Date;
  finishedAt: Date;
  /** program key → fingerprint of its rules (pack versions and dependencies). */
  rules: Record<string, string>;
  enterprises: number;
  rematched: number;
  evaluations: number;
  chunks: number;
}

/** A run asked for, as its request was (the run runs in the background of the process that took it). */
export interface MatchingStartDoc {
  _id: string;
  scope: string;
  jurisdiction: string;
  asOf: string;
  usccs: string[] | null;
  whatWouldChange: boolean;
  requestedBy: string;
  startedAt: Date;
}

export interface MatchingFailureDoc {
  _id: string;
  error: string;
  at: Date;
}

export interface MatchingChunkDoc {
  _id: string;
  results: EnterpriseMatch[];
}

export function defineMatchingModels(conn: Connection) {
  const runs = new Schema<MatchingRunDoc>(
    {
      _id: String, scope: String, jurisdiction: String, usccs: { type: [String], default: null }, asOf: String, previousRun: { type: String, default: null },
      startedAt: Date, finishedAt: Date, rules: { type: Schema.Types.Mixed, required: true }, enterprises: Number, rematched: Number, evaluations: Number, chunks: Number,
    },
    common,
  );
  const heads = new Schema<{ _id: string; run: string }>({ _id: String, run: String }, common);
  // the results as JSON text: FerretDB converts a nested document of 500 results field by field, a string at once
  const chunks = new Schema<{ _id: string; results: string }>({ _id: String, results: String }, common);
  const starts = new Schema<MatchingStartDoc>(
    { _id: String, scope: String, jurisdiction: String, asOf: String, usccs: { type: [String], default: null }, whatWouldChange: Boolean, requestedBy: String, startedAt: Date },
    common,
  );
  const failures = new Schema<MatchingFailureDoc>({ _id: String, error: String, at: Date }, common);
  return {
    matchingStarts: conn.model('MatchingStart', starts, 'matching_starts'),
    matchingFailures: conn.model('MatchingFailure', failures, 'matching_failures'),
    matchingRuns: conn.model('MatchingRun', runs, 'matching_runs'),
    matchingHeads: conn.model('MatchingHead', heads, 'matching_heads'),
    matchingChunks: conn.model('MatchingChunk', chunks, 'matching_chunks'),
  };
}

export type MatchingModels = ReturnType<typeof defineMatchingModels>;
