import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueKey } from '../../src/access/api-keys';
import { loadConfig } from '../../src/config';
import { connectDatabase, type Database } from '../../src/store/database';
import { startFerretDb, type EmbeddedDatabase } from '../../src/store/embedded-ferretdb';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { expectMoneyInvariants } from '../support/invariants';
import { startServiceProcess, writeKeysFile, type ServiceProcess } from '../support/service-process';

/**
 * Two service processes on one database: every budget and cap stays exact, with requests of
 * both racing for the same ledgers (the unique `ledger#seq` insert is the only guard between
 * them), and nothing answers 5xx.
 */
const config = loadConfig();
const dir = mkdtempSync(join(tmpdir(), 'two-processes-'));
const { record, token } = issueKey('two processes', 'applicant', ['*']);
let ferret: EmbeddedDatabase | undefined;
let db: Database;
let services: ServiceProcess[] = [];

beforeAll(async () => {
  let uri: string;
  if (config.mongodbUri) {
    const u = new URL(config.mongodbUri);
    u.pathname = `/two_${process.pid}_${Date.now()}`;
    uri = u.toString();
  } else {
    ferret = await startFerretDb(config.ferretDbBinary, dir, 'two', undefined, { backend: config.embeddedDb });
    uri = ferret.uri;
  }
  db = await connectDatabase(uri, { w: 1, journal: true });
  await ferret?.indexIdLookups();
  const keys = writeKeysFile(dir, record);
  services = await Promise.all([startServiceProcess(uri, keys), startServiceProcess(uri, keys)]);
}, 180_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await db?.close();
  await ferret?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function submit(i: number, body: unknown): Promise<{ status: number; json: { decision: { outcome: string; amount: string } } }> {
  const res = await fetch(`${services[i % 2]!.base}/v1/applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as never };
}

it('keeps a budget and an enterprise cap exact with two processes racing', async () => {
  const budget = '320500/loan-interest-subsidy|annualBudget|2024';
  const seededFen = (50_000_000 - 5 * 225_000) * 100;
  await db.models.ledgerEntries.create({ _id: `${budget}#1`, ledger: budget, seq: 1, holder: 'earlier-decisions', kind: 'take', units: seededFen, usedAfter: seededFen, at: new Date() });
  const firms = Array.from({ length: 60 }, (_, i) => submit(i, suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(3000 + i) } })));
  // one enterprise claiming 40 times in another subsidy year, against its annual cap
  const oneFirm = { ...SIP_ENTERPRISE, uscc: uscc(7777) };
  const claims = Array.from({ length: 40 }, (_, i) => submit(i, suzhouSubsidyApplication({ beneficiary: oneFirm, facts: { ...suzhouSubsidyApplication().facts, subsidyYear: 2023, interestPaid: '100000' } })));
  const replies = await Promise.all([...firms, ...claims]);
  expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
  const budgetOutcomes = replies.slice(0, 60).map((r) => `${r.json.decision.outcome} ${r.json.decision.amount}`);
  expect(budgetOutcomes.filter((o) => o === 'approved 225000.00')).toHaveLength(5);
  const head = await db.models.ledgerEntries.findOne({ ledger: budget }).sort({ seq: -1 }).lean();
  expect(head!.usedAfter).toBe(50_000_000 * 100);
  // the enterprise's annual cap: what its decisions grant adds up to at most the cap, exactly its ledger
  const capLedger = `320500/loan-interest-subsidy|perEnterpriseYear|${oneFirm.uscc}|2023`;
  const capHead = await db.models.ledgerEntries.findOne({ ledger: capLedger }).sort({ seq: -1 }).lean();
  const granted = (await db.models.decisions.find({ beneficiaryUscc: oneFirm.uscc, program: '320500/loan-interest-subsidy' }).lean()).reduce((s, d) => s + (d.amountFen ?? 0), 0);
  expect(granted).toBe(capHead!.usedAfter);
  expect(replies.slice(60).filter((r) => r.json.decision.amount !== '0.00').length).toBeGreaterThan(0);
  await expectMoneyInvariants(db.models);
}, 240_000);
