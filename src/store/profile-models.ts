import { Schema, type Connection } from 'mongoose';

/**
 * Enterprise profiles (一企一档). Insert-only, every document under a deterministic `_id`:
 * - profile_entries: the facts one batch of one source gives about one enterprise;
 * - profile_index: `<uscc>#<n>`, the n-th entry of an enterprise, claimed by a unique insert
 *   (so two importers never update one document), read by `_id` from 1 until the first gap;
 * - profiles: one per enterprise, first seen (the list a matching job runs over);
 * - profile_batches: a completed batch, with its content hash (importing it again changes nothing).
 */
const common = { versionKey: false, strict: 'throw', minimize: false } as const;

export interface ProfileEntryDoc {
  /** `<uscc>|<source>|<batch>` */
  _id: string;
  uscc: string;
  name: string;
  jurisdiction: string;
  source: string;
  batch: string;
  /** The date the facts are valid for (a reading as of an earlier date does not see them). */
  validFor: string;
  receivedAt: Date;
  facts: Record<string, unknown>;
  rowHash: string;
  /** The enterprise declared these itself (its own filing collected by the source): not verified. */
  selfDeclared?: boolean;
}

export interface ProfileIndexDoc {
  _id: string;
  entry: string;
}

export interface ProfileDoc {
  _id: string;
  jurisdiction: string;
  firstSeenAt: Date;
}

export interface ProfileBatchDoc {
  /** `<source>|<batch>` */
  _id: string;
  source: string;
  batch: string;
  contentHash: string;
  rows: number;
  /** Enterprises the batch gave facts about: what an incremental matching run re-matches. */
  usccs: string[];
  completedAt: Date;
}

export function defineProfileModels(conn: Connection) {
  const entries = new Schema<ProfileEntryDoc>(
    { _id: String, uscc: String, name: String, jurisdiction: String, source: String, batch: String, validFor: String, receivedAt: Date, facts: { type: Schema.Types.Mixed, required: true }, rowHash: String, selfDeclared: { type: Boolean, required: false } },
    common,
  );
  const index = new Schema<ProfileIndexDoc>({ _id: String, entry: String }, common);
  const profiles = new Schema<ProfileDoc>({ _id: String, jurisdiction: String, firstSeenAt: Date }, common);
  const batches = new Schema<ProfileBatchDoc>({ _id: String, source: String, batch: String, contentHash: String, rows: Number, usccs: [String], completedAt: Date }, common);
  batches.index({ completedAt: 1 });
  return {
    profileEntries: conn.model('ProfileEntry', entries, 'profile_entries'),
    profileIndex: conn.model('ProfileIndex', index, 'profile_index'),
    profiles: conn.model('Profile', profiles, 'profiles'),
    profileBatches: conn.model('ProfileBatch', batches, 'profile_batches'),
  };
}

export type ProfileModels = ReturnType<typeof defineProfileModels>;
