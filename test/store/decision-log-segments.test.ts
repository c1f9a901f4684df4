import { deflateRawSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { connectDatabase, type Database } from '../../src/store/database';
import { DecisionLog, decisionHash, entryHash, type DecisionRecord } from '../../src/store/decision-log';
import { segmentId, segmentLines, type DecisionLogSegmentDoc } from '../../src/store/decision-log-segments';
import { startFerretDb, type EmbeddedDatabase } from '../../src/store/embedded-ferretdb';
import { canonicalJson, sha256 } from '../../src/rules/content-hash';
import { testRecord } from '../support/decision-records';
import type { DecisionDoc } from '../../src/store/models';

const config = loadConfig();
let embedded: EmbeddedDatabase | undefined;
let dir: string | undefined;
let base: string;
const opened: Database[] = [];

beforeAll(async () => {
  if (config.mongodbUri) base = config.mongodbUri;
  else {
    dir = mkdtempSync(join(tmpdir(), 'log-segments-'));
    embedded = await startFerretDb(config.ferretDbBinary, dir, 'segments', undefined, { backend: config.embeddedDb });
    base = embedded.uri;
  }
});
afterAll(async () => {
  for (const db of opened) await db.close().catch(() => undefined);
  await embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A database of its own for each test, with command monitoring to count what a start-up reads. */
async function freshDatabase(): Promise<Database> {
  const u = new URL(base);
  u.pathname = `/segments_${process.pid}_${opened.length}_${Date.now()}`;
  const db = await connectDatabase(u.toString(), { journal: true, w: 1, monitorCommands: true });
  opened.push(db);
  return db;
}

/** The stored decision a record names: here a document of its id alone, so verify can check it. */
const decisionOf = (id: string) => ({ _id: id }) as unknown as DecisionDoc;

function record(n: number): DecisionRecord {
  return testRecord('s', n, { uscc: `91320505MA${String(n).padStart(7, '0')}X`, decisionHash: decisionHash(decisionOf(`dec_s${n}`)) });
}

const SIZE = 5;
const withSegments = (db: Database, maxBatch?: number) => new DecisionLog(db.models.decisionLog, { segments: db.models.decisionLogSegments, segmentSize: SIZE, maxBatch });
const verifyOf = (log: DecisionLog) => log.verify(async (id) => decisionOf(id));

/** Appends `entries` entries of one or two records each, in turn; returns the log that wrote them. */
async function written(db: Database, entries: number): Promise<DecisionLog> {
  const log = withSegments(db);
  await log.load();
  for (let i = 0; i < entries; i++) await log.append(i % 3 === 0 ? [record(2 * i), record(2 * i + 1)] : [record(2 * i)]);
  await log.segmentsWritten();
  return log;
}

/** What `load()` sends to the decision log's collection: whole-collection reads and `_id` lookups. */
async function loadCounting(db: Database, log: DecisionLog): Promise<{ scans: number; lookups: number }> {
  const counts = { scans: 0, lookups: 0 };
  const client = db.connection.getClient();
  const listener = (e: { commandName: string; command: Record<string, unknown> }) => {
    if (e.commandName !== 'find' || e.command.find !== 'decision_log') return;
    if ((e.command.filter as { _id?: unknown } | undefined)?._id !== undefined) counts.lookups++;
    else counts.scans++;
  };
  client.on('commandStarted', listener);
  try {
    await log.load();
  } finally {
    client.off('commandStarted', listener);
  }
  return counts;
}

/** Every record, by reading every entry (no segments): the reference. */
async function fullRead(db: Database): Promise<DecisionRecord[]> {
  const log = new DecisionLog(db.models.decisionLog);
  await log.load();
  return [...log.records()];
}

describe('decision log segments', () => {
  it('are written once a run of entries is complete, and a restart reads segments + tail: exactly the records of a full entry read', async () => {
    const db = await freshDatabase();
    const writer = await written(db, 4 * SIZE + 3);
    const stored = (await db.models.decisionLogSegments.find().lean<DecisionLogSegmentDoc[]>()).map((s) => s._id).sort();
    expect(stored).toEqual([1, 2, 3, 4].map(segmentId));
    expect(writer.segmentsStored).toBe(4);

    const restarted = withSegments(db);
    const reads = await loadCounting(db, restarted);
    // the 20 entries in segments are not read one by one, nor by a scan of the collection
    expect(reads.scans).toBe(0);
    expect(reads.lookups).toBeLessThan(4 * SIZE);
    expect(restarted.refusedSegments).toEqual([]);
    expect([...restarted.records()]).toEqual(await fullRead(db));
    expect(restarted.head).toEqual(writer.head);
    expect(restarted.size).toBe(writer.size);
    // the restarted log appends on from the true head, and writes the next segment
    await restarted.append([record(999), record(998)]);
    await restarted.append([record(997)]);
    await restarted.segmentsWritten();
    expect(restarted.segmentsStored).toBe(5);
    expect((await verifyOf(restarted)).firstBreak).toBeNull();
  });

  it('two logs racing to write the same segments leave one of each, and both count it stored', async () => {
    const db = await freshDatabase();
    // one record per entry: many entries, so both logs see runs complete while the other writes
    const a = withSegments(db, 1);
    const b = withSegments(db, 1);
    await Promise.all([a.load(), b.load()]);
    const records = Array.from({ length: 40 }, (_, i) => record(100 + i));
    await Promise.all(records.flatMap((r, i) => [a.append([r]), b.append([records[(i * 7) % 40]!])]));
    await Promise.all([a.catchUp(), b.catchUp()]);
    await Promise.all([a.segmentsWritten(), b.segmentsWritten()]);
    const runs = Math.floor(a.head.seq / SIZE);
    expect(runs).toBeGreaterThanOrEqual(2);
    const ids = (await db.models.decisionLogSegments.find().lean<DecisionLogSegmentDoc[]>()).map((s) => s._id).sort();
    expect(ids).toEqual(Array.from({ length: runs }, (_, i) => segmentId(i + 1)).sort());
    expect([a.segmentsStored, b.segmentsStored]).toEqual([runs, runs]);
    expect((await verifyOf(a)).firstBreak).toBeNull();
    const c = withSegments(db);
    await c.load();
    expect(c.refusedSegments).toEqual([]);
    expect([...c.records()].map((r) => r.decisionId).sort()).toEqual(records.map((r) => r.decisionId).sort());
  });

  it('a segment altered in the database is refused at load (its entries are read instead) and reported by verify', async () => {
    const db = await freshDatabase();
    await written(db, 3 * SIZE + 1);
    const truth = await fullRead(db);
    const doc = (await db.models.decisionLogSegments.findById(segmentId(2)).lean<DecisionLogSegmentDoc>())!;
    const lines = segmentLines(doc)!;
    // one amount changed, the hash left as it was
    lines[1] = lines[1]!.replace(/"amountFen":(\d+)/, '"amountFen":7');
    await db.models.decisionLogSegments.collection.updateOne({ _id: segmentId(2) as never }, { $set: { body: deflateRawSync(lines.join('\n')) } });

    const log = withSegments(db);
    await log.load();
    expect(log.refusedSegments.map((r) => r.k)).toEqual([2]);
    expect([...log.records()]).toEqual(truth);
    expect((await verifyOf(log)).firstBreak).toMatchObject({ seq: SIZE + 2, entryId: `log#${SIZE + 2}`, problem: 'segment-differs' });
  });

  it('a segment forged with hashes that agree with themselves is refused by the stored entries, and reported by verify', async () => {
    const db = await freshDatabase();
    await written(db, 2 * SIZE + 2);
    const truth = await fullRead(db);
    const doc = (await db.models.decisionLogSegments.findById(segmentId(2)).lean<DecisionLogSegmentDoc>())!;
    // every entry of the run rewritten with an amount of 7 fen and rehashed, the links kept
    let prevHash = JSON.parse(segmentLines(doc)![0]!.slice(72)).prevHash as string;
    const forged = segmentLines(doc)!.map((line) => {
      const e = JSON.parse(line.slice(line.indexOf(' ') + 1));
      e.prevHash = prevHash;
      e.records = e.records.map((r: DecisionRecord) => ({ ...r, amountFen: 7 }));
      const hash = entryHash(e);
      expect(sha256(canonicalJson(e))).toBe(hash);
      prevHash = hash;
      return `${hash} ${canonicalJson(e)}`;
    });
    await db.models.decisionLogSegments.collection.updateOne({ _id: segmentId(2) as never }, { $set: { body: deflateRawSync(forged.join('\n')), lastHash: prevHash } });

    const log = withSegments(db);
    await log.load();
    expect(log.refusedSegments).toHaveLength(1);
    expect([...log.records()]).toEqual(truth);
    expect([...log.records()].some((r) => r.amountFen === 7)).toBe(false);
    expect((await verifyOf(log)).firstBreak).toMatchObject({ seq: SIZE + 1, problem: 'segment-differs' });
  });

  it('a log written before segments existed is read in full once, then its segments are written', async () => {
    const db = await freshDatabase();
    const old = new DecisionLog(db.models.decisionLog);
    await old.load();
    for (let i = 0; i < 6 * SIZE; i++) await old.append([record(500 + i)]);
    expect(await db.models.decisionLogSegments.countDocuments()).toBe(0);
    const upgraded = withSegments(db);
    await upgraded.load();
    await upgraded.segmentsWritten();
    expect([...upgraded.records()]).toEqual(await fullRead(db));
    expect(await db.models.decisionLogSegments.countDocuments()).toBe(6);
    const next = withSegments(db);
    const reads = await loadCounting(db, next);
    expect(reads.scans).toBe(0);
    expect([...next.records()]).toEqual([...upgraded.records()]);
  });
});
