/**
 * Is FerretDB's cost of reading the decision log per document or per byte? On each embedded
 * backend, for N decision records: the time to read N small documents (one entry of one record
 * each, as `log#<seq>`, by a cursor in batches of 500: the old start-up read) versus the same
 * bytes in N/S large documents (S entries each, as `logseg#<k>`, read by `_id` in order until one
 * is missing: the segment read), then — side by side — the decision log's own start-up
 * (`DecisionLog.load()`) over a log of N records in entries of 4 records, without segments (the
 * old path) and with them (segments + tail, each segment checked).
 *   npx tsx scripts/measure-log-read.ts [--sizes 10000,100000] [--backends sqlite,postgresql] [--per-segment 1000] [--raw-only | --log-only]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import mongoose from 'mongoose';
import { loadConfig } from '../src/config';
import { DecisionLog, entryHash, entryId, GENESIS_HASH, type DecisionLogEntryDoc, type DecisionRecord } from '../src/store/decision-log';
import { startFerretDb, type EmbeddedBackend } from '../src/store/embedded-ferretdb';
import { defineModels } from '../src/store/models';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' }, backends: { type: 'string', default: 'sqlite,postgresql' }, 'per-segment': { type: 'string', default: '1000' }, 'raw-only': { type: 'boolean', default: false }, 'log-only': { type: 'boolean', default: false } } });
const sizes = values.sizes.split(',').map(Number);
const backends = values.backends.split(',') as EmbeddedBackend[];
const S = Number(values['per-segment']);

/** A record shaped like the service's (about 0.5 KB). */
function record(n: number): DecisionRecord {
  const hex = (k: number) => (k.toString(16).padStart(8, '0')).repeat(8);
  return {
    decisionId: `dec_${hex(n).slice(0, 26)}`,
    applicationId: `app_${hex(n + 7).slice(0, 26)}`,
    program: '320500/insurance-premium-subsidy',
    programJurisdiction: '320500',
    version: '2024',
    ruleHash: `sha256:${hex(3)}`,
    jurisdiction: '320505',
    jurisdictionChain: ['CN', '320000', '320500', '320505'],
    uscc: `91320505MA${String(n).padStart(7, '0')}X`,
    beneficiaryName: `苏州测试科技有限公司${n}`,
    client: 'key_bench',
    outcome: 'approved',
    amountFen: 100 * (n % 5000),
    reasons: ['eligible', 'cap-applied'],
    applicationDate: '2025-03-15',
    decidedAt: new Date(1_750_000_000_000 + n * 1000).toISOString(),
    topUpOf: null,
    decisionHash: `sha256:${hex(n)}`,
  };
}

/** A valid chain of `count` entries holding `perEntry` records each, from record `from`. */
function chain(count: number, perEntry: number): DecisionLogEntryDoc[] {
  const out: DecisionLogEntryDoc[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const e: DecisionLogEntryDoc = { _id: entryId(seq), seq, prevHash, hash: '', records: Array.from({ length: perEntry }, (_, i) => record((seq - 1) * perEntry + i)), at: new Date(1_750_000_000_000 + seq * 1000) };
    e.hash = entryHash(e);
    prevHash = e.hash;
    out.push(e);
  }
  return out;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, (performance.now() - t) / 1000];
}

async function insertAll(coll: mongoose.mongo.Collection, docs: object[], chunk = 1000) {
  for (let i = 0; i < docs.length; i += chunk) await coll.insertMany(docs.slice(i, i + chunk) as never[], { ordered: false });
}

async function main() {
  const config = loadConfig();
  const rows: string[] = [];
  const row = (s: string) => {
    rows.push(s);
    console.log(s);
  };
  for (const backend of backends) {
    for (const n of sizes) {
      const dir = mkdtempSync(join(tmpdir(), `log-read-${backend}-`));
      const ferret = await startFerretDb(config.ferretDbBinary, dir, 'logread', undefined, { backend });
      const conn = await mongoose.createConnection(ferret.uri, { maxPoolSize: 8 }).asPromise();
      try {
        // (a) the raw read: N documents of one entry each vs N/S documents of S entries each
        if (!values['log-only']) {
          const entries = chain(n, 1);
          const small = conn.db!.collection('small');
          const large = conn.db!.collection('large');
          await insertAll(small, entries);
          const runs: Omit<DecisionLogEntryDoc, '_id'>[][] = [];
          for (let k = 0; k * S < n; k++) runs.push(entries.slice(k * S, (k + 1) * S).map(({ _id, ...e }) => e));
          // the same run of entries as fields (one BSON value per field), as one JSON string, and deflated
          const forms = {
            fields: (run: object[]) => ({ entries: run }),
            json: (run: object[]) => ({ body: JSON.stringify(run) }),
            deflated: (run: object[]) => ({ body: new mongoose.mongo.Binary(deflateRawSync(JSON.stringify(run))) }),
          };
          const decode = {
            fields: (d: Record<string, unknown>) => d.entries as DecisionLogEntryDoc[],
            json: (d: Record<string, unknown>) => JSON.parse(d.body as string) as DecisionLogEntryDoc[],
            deflated: (d: Record<string, unknown>) => JSON.parse(inflateRawSync((d.body as mongoose.mongo.Binary).buffer).toString()) as DecisionLogEntryDoc[],
          };
          const bytes = JSON.stringify(entries).length;
          const [readSmall, tSmall] = await timed(async () => {
            let c = 0;
            for await (const d of small.find({}, { batchSize: 500 })) c += (d.records as unknown[]).length;
            return c;
          });
          if (readSmall !== n) throw new Error(`read ${readSmall} records, not ${n}`);
          const figures: string[] = [];
          for (const form of Object.keys(forms) as (keyof typeof forms)[]) {
            await insertAll(large, runs.map((run, k) => ({ _id: `logseg#${k + 1}`, ...forms[form](run) })), 10);
            await ferret.indexIdLookups();
            const [read, t] = await timed(async () => {
              let c = 0;
              for (let k = 1; ; k++) {
                const d = await large.findOne({ _id: `logseg#${k}` as never });
                if (!d) break;
                for (const e of decode[form](d)) c += e.records.length;
              }
              return c;
            });
            if (read !== n) throw new Error(`read ${read} records as ${form}, not ${n}`);
            figures.push(`${form} ${t.toFixed(2)} s (${(tSmall / t).toFixed(1)}x)`);
            await large.drop();
          }
          row(`${backend.padEnd(10)} ${String(n).padStart(7)} records (${(bytes / 1e6).toFixed(0)} MB as JSON): ${n} docs by cursor ${tSmall.toFixed(2)} s | ${runs.length} docs of ${S} entries by _id: ${figures.join(', ')}`);
          await small.drop();
        }
        if (values['raw-only']) continue;
        // (b) the decision log's start-up, old path vs segments: entries of 4 records (group commit)
        const models = defineModels(conn);
        await models.decisionLog.createCollection();
        await models.decisionLogSegments.createCollection();
        await insertAll(models.decisionLog.collection, chain(Math.ceil(n / 4), 4));
        await ferret.indexIdLookups();
        const [old, tOld] = await timed(async () => {
          const log = new DecisionLog(models.decisionLog);
          await log.load();
          return log.size;
        });
        // the first process after the upgrade writes the segments (timed apart); later starts read them
        const [, tWrite] = await timed(async () => {
          const log = new DecisionLog(models.decisionLog, { segments: models.decisionLogSegments });
          await log.load();
          await log.segmentsWritten();
        });
        const [fresh, tNew] = await timed(async () => {
          const log = new DecisionLog(models.decisionLog, { segments: models.decisionLogSegments });
          await log.load();
          return log.size;
        });
        if (old !== n || fresh !== n) throw new Error(`the log read ${old} and ${fresh} records, not ${n}`);
        row(`${backend.padEnd(10)} ${String(n).padStart(7)} records in ${Math.ceil(n / 4)} entries: DecisionLog.load() entries only ${tOld.toFixed(2).padStart(6)} s | segments + tail ${tNew.toFixed(2).padStart(6)} s | ${(tOld / tNew).toFixed(1)}x (segments first written in ${tWrite.toFixed(1)} s)`);
      } finally {
        await conn.close();
        await ferret.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  console.log(`\n${rows.join('\n')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
