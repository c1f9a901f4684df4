import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { canonicalJson, sha256 } from '../rules/content-hash';
import type { DecisionLogEntryDoc } from './decision-log';

/**
 * A segment of the decision log: `logseg#<k>` condenses the run of entries
 * `log#<(k-1)·size+1>` … `log#<k·size>` into one value, written once by a unique insert and
 * never changed. FerretDB's cost of a read grows with the number of BSON values it returns,
 * not with the bytes (scripts/measure-log-read.ts): a run of entries as one deflated value is
 * read many times faster than the same entries as documents. The entries stay the source of
 * truth; a segment is checked when read and compared with its entries by `verify`.
 */
export interface DecisionLogSegmentDoc {
  _id: string;
  k: number;
  first: number;
  last: number;
  /** The hash of the run's last entry. */
  lastHash: string;
  /** One line per entry, `<hash> <canonical JSON of seq, prevHash, at, records>`, deflated. */
  body: Buffer | { buffer: Uint8Array };
}

export const segmentId = (k: number) => `logseg#${k}`;

/** The canonical text an entry's hash is taken over. */
export function entryText(entry: Pick<DecisionLogEntryDoc, 'seq' | 'prevHash' | 'records' | 'at'>): string {
  return canonicalJson({ seq: entry.seq, prevHash: entry.prevHash, at: new Date(entry.at).toISOString(), records: entry.records });
}

/** A segment's line of an entry: its recorded hash and the text the hash is over. */
export function segmentLine(entry: DecisionLogEntryDoc): string {
  return `${entry.hash} ${entryText(entry)}`;
}

export function segmentOf(k: number, run: DecisionLogEntryDoc[]): DecisionLogSegmentDoc {
  return { _id: segmentId(k), k, first: run[0]!.seq, last: run.at(-1)!.seq, lastHash: run.at(-1)!.hash, body: deflateRawSync(run.map(segmentLine).join('\n')) };
}

/** A segment's lines, or null when its body cannot be read. */
export function segmentLines(doc: DecisionLogSegmentDoc): string[] | null {
  try {
    const bytes = Buffer.isBuffer(doc.body) ? doc.body : Buffer.from(doc.body.buffer);
    return inflateRawSync(bytes).toString('utf8').split('\n');
  } catch {
    return null;
  }
}

/**
 * The entries a segment holds, each checked: the run it should hold (`first`, `size` entries),
 * every entry's hash recomputed from its text, every link to the hash before it (`prevHash`
 * for the first). Returns the reason instead when the segment disagrees with itself.
 */
export function readSegment(doc: DecisionLogSegmentDoc, expected: { first: number; size: number; prevHash: string; idOf: (seq: number) => string }): DecisionLogEntryDoc[] | string {
  const lines = segmentLines(doc);
  if (!lines) return `${doc._id} cannot be inflated`;
  if (lines.length !== expected.size) return `${doc._id} holds ${lines.length} entries, not ${expected.size}`;
  const out: DecisionLogEntryDoc[] = [];
  let prevHash = expected.prevHash;
  for (const [i, line] of lines.entries()) {
    const seq = expected.first + i;
    const space = line.indexOf(' ');
    const hash = line.slice(0, space);
    const text = line.slice(space + 1);
    if (space < 0 || sha256(text) !== hash) return `${doc._id}: entry ${seq} does not hash to the hash it records`;
    let e: { seq: number; prevHash: string; at: string; records: DecisionLogEntryDoc['records'] };
    try {
      e = JSON.parse(text);
    } catch {
      return `${doc._id}: entry ${seq} is not JSON`;
    }
    if (e.seq !== seq) return `${doc._id}: line ${i + 1} holds entry ${e.seq}, not ${seq}`;
    if (e.prevHash !== prevHash) return `${doc._id}: entry ${seq} names ${e.prevHash} as its predecessor's hash, not ${prevHash}`;
    out.push({ _id: expected.idOf(seq), seq, prevHash, hash, records: e.records, at: new Date(e.at) });
    prevHash = hash;
  }
  if (doc.lastHash !== prevHash) return `${doc._id} records ${doc.lastHash} as its last hash, its entries end at ${prevHash}`;
  return out;
}
