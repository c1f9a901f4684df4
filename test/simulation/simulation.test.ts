import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES_DIR } from '../../src/paths';
import { canonicalJson } from '../../src/rules/content-hash';
import { addDraftVersion } from '../../src/rules/new-version';
import { uscc } from '../support/fixtures';
import { runCliTool } from '../support/server-process';
import { startTestService, type TestService } from '../support/service';

jest.setTimeout(600000);

const SUZHOU = '320500/loan-interest-subsidy';
const HENAN = '410000/tech-loan-risk-compensation';
const LUOYANG = '410300/bank-tech-loan-incentive';
const DISTRICTS = ['320505', '320506', '320507', '320508'];
const ENTERPRISES = 120;

let dir: string;
let svc: TestService;

/** Enterprise e's loan l: interest varies so that some second loans hit the per-enterprise cap. */
const interestOf = (e: number, l: number) => 100000 + ((e * 37 + l * 11) % 50) * 10000;
const enrolled = (e: number) => e % 10 !== 3;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'simulation-rules-'));
  cpSync(RULES_DIR, dir, { recursive: true });
  // the draft to simulate: 60% instead of 50%, a 40万 cap instead of 30万, a budget of 3500万
  const file = join(dir, '320500', 'loan-interest-subsidy', 'pack.json');
  const pack = JSON.parse(readFileSync(file, 'utf8'));
  const draft = addDraftVersion(pack, '2026-01-01');
  draft.parameters.rate!.value = '0.6';
  draft.parameters.capOthers!.value = '400000';
  draft.parameters.annualBudget!.value = '35000000';
  writeFileSync(file, JSON.stringify(pack, null, 2));
  svc = await startTestService('2025-03-15', { rulesDir: dir });

  for (let e = 0; e < ENTERPRISES; e++) {
    for (const l of [0, 1]) {
      const res = await svc.as('applicant').post('/v1/applications').send({
        program: SUZHOU,
        beneficiary: { uscc: uscc(7000 + e, DISTRICTS[e % 4]), name: `苏州企业${e}`, jurisdiction: DISTRICTS[e % 4] },
        facts: {
          subsidyYear: 2024,
          loanId: `SZ-SIM-${e}-${l}`,
          independentLegalPerson: true,
          seriousDishonestyInLast3Years: false,
          enrolledOnTechFinancePlatform: enrolled(e),
          loanFiledWithProgram: true,
          qualifications: ['high-tech'],
          interestPaid: String(interestOf(e, l)),
          guaranteeFeesPaid: '0',
        },
      });
      expect(res.status).toBe(201);
    }
  }
  // Henan 科技贷 claims of banks in Luoyang (and one in Zhengzhou), stating their net new lending
  const cases = JSON.parse(readFileSync(join(RULES_DIR, HENAN, 'cases.json'), 'utf8'));
  for (let b = 1; b <= 7; b++) {
    const area = b === 7 ? '410100' : '410300';
    for (const l of [0, 1]) {
      const res = await svc.as('applicant').post('/v1/applications').send({
        program: HENAN,
        beneficiary: { uscc: uscc(8000 + b, area), name: `河南银行${b}`, jurisdiction: area },
        facts: { ...cases.defaults.facts, loanId: `HN-SIM-${b}-${l}`, loanIssueDate: '2024-09-01', claimYear: 2025, bankNetNewTechLoans: String(100000000 * b) },
      });
      expect(res.status).toBe(201);
    }
  }
});
afterAll(async () => {
  await svc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every stored document but the simulation jobs: counts and a hash per collection. */
async function snapshot(): Promise<Record<string, { count: number; hash: string }>> {
  const db = svc.runtime.database.connection.db!;
  const out: Record<string, { count: number; hash: string }> = {};
  for (const c of await db.listCollections().toArray()) {
    if (c.name === 'simulation_jobs') continue;
    const docs = (await db.collection(c.name).find().toArray()).sort((a, b) => String(a._id).localeCompare(String(b._id)));
    out[c.name] = { count: docs.length, hash: createHash('sha256').update(canonicalJson(docs)).digest('hex') };
  }
  return out;
}

async function runJob(body: Record<string, unknown>) {
  const created = await svc.as('policy-staff').post('/v1/simulations').send(body);
  expect(created.status).toBe(202);
  expect(created.headers.location).toBe(`/v1/simulations/${created.body.id}`);
  await svc.runtime.context.simulations!.settled(created.body.id);
  const job = await svc.as('policy-staff').get(`/v1/simulations/${created.body.id}`);
  expect(job.status).toBe(200);
  expect(job.body.state).toBe('done');
  return job.body;
}

const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

it('simulates a draft over a few hundred stored applications: changes and totals exactly as a direct computation, nothing stored touched', async () => {
  const before = await snapshot();
  const job = await runJob({ program: SUZHOU, version: '2026-01-01', from: '2025-01-01', to: '2025-12-31', sample: 3 });
  const r = job.result;

  // direct computation: in the order of the original decisions, 60% up to 40万 per enterprise and year, 3500万 in all
  const decisions = (await svc.runtime.context.models.decisions.find({ program: SUZHOU }).lean()).sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime() || a.applicationId.localeCompare(b.applicationId));
  expect(decisions).toHaveLength(ENTERPRISES * 2);
  const usedByEnterprise = new Map<string, number>();
  let budget = 0;
  let changed = 0;
  let sumBefore = 0;
  let sumAfter = 0;
  const perJurisdiction = new Map<string, number>();
  for (const d of decisions) {
    const app = (await svc.runtime.context.models.applications.findById(d.applicationId).lean())!;
    const wanted = app.facts.enrolledOnTechFinancePlatform ? Number(app.facts.interestPaid) * 60 : 0; // fen: yuan × 0.6 × 100
    const used = usedByEnterprise.get(app.beneficiary.uscc) ?? 0;
    const granted = Math.min(wanted, 40000000 - used, 3500000000 - budget);
    usedByEnterprise.set(app.beneficiary.uscc, used + granted);
    budget += granted;
    const outcome = wanted === 0 || granted === 0 ? 'rejected' : granted < wanted ? 'partial' : 'approved';
    if (outcome !== d.outcome) changed++;
    sumBefore += d.amountFen ?? 0;
    sumAfter += granted;
    const j = app.beneficiary.jurisdiction;
    perJurisdiction.set(j, (perJurisdiction.get(j) ?? 0) + granted - (d.amountFen ?? 0));
  }
  expect(changed).toBeGreaterThan(0);
  expect(budget).toBe(3500000000); // the budget binds, so order matters
  expect(r.applications).toBe(ENTERPRISES * 2);
  expect(r.changedOutcomes).toBe(changed);
  expect(r.totalBefore).toBe(yuan(sumBefore));
  expect(r.totalAfter).toBe(yuan(sumAfter));
  expect(r.delta).toBe(yuan(sumAfter - sumBefore));
  expect(Number(r.budgetNeeded)).toBeGreaterThan(35000000);
  expect(r.byJurisdiction.map((j: { jurisdiction: string; delta: string }) => [j.jurisdiction, j.delta])).toEqual(DISTRICTS.map((j) => [j, yuan(perJurisdiction.get(j)!)]));
  expect(r.budgets).toEqual([expect.objectContaining({ cap: 'annualBudget', usedAtEnd: '35000000.00' })]);
  expect(r.sample).toHaveLength(3);
  expect(r.sample[0].before.explanation.version.version).toBe('2021-01-01');
  expect(r.sample[0].after.explanation.version.version).toBe('2026-01-01');
  expect(job.progress).toEqual({ phase: 'done', scanned: ENTERPRISES * 2, matched: ENTERPRISES * 2, evaluated: ENTERPRISES * 2 });

  expect(await snapshot()).toEqual(before);
});

it("answers what Luoyang's draft bank incentive would have cost last year, from stored bank facts (command line)", async () => {
  const before = await snapshot();
  const r = runCliTool('rules.ts', ['simulate', LUOYANG, '2026-01-01', '--from', '2025-01-01', '--to', '2025-12-31', '--source-program', HENAN, '--fact', 'incentiveYear=2025', '--json', '--rules', dir], { MONGODB_URI: svc.uri });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout);
  // six Luoyang banks (the Zhengzhou one is outside 410300), one incentive per bank and year:
  // 0.5% of 1亿 × b, at most 200万 → 50万 + 100万 + 150万 + 200万 × 3
  expect(report.applications).toBe(12);
  expect(report.scanned).toBe(14);
  expect(report.outcomesAfter).toEqual({ approved: 4, partial: 2, rejected: 6 });
  expect(report.totalBefore).toBe('0.00');
  expect(report.totalAfter).toBe('9000000.00');
  expect(report.budgetNeeded).toBe('9000000.00');
  expect(report.byJurisdiction).toEqual([{ jurisdiction: '410300', applications: 12, changedOutcomes: 12, before: '0.00', after: '9000000.00', delta: '9000000.00' }]);
  expect(await snapshot()).toEqual(before);
});

it('refuses a bad request naming the field, and is for policy staff only', async () => {
  const bad = await svc.as('policy-staff').post('/v1/simulations').send({ program: SUZHOU, version: '2099-01-01', from: '2025-01-01', to: '2025-12-31' });
  expect(bad.status).toBe(422);
  expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '/version' })]);
  const malformed = await svc.as('policy-staff').post('/v1/simulations').send({ program: SUZHOU, version: '2026-01-01', from: '2025-13-01', to: '2025-12-31' });
  expect(malformed.status).toBe(400);
  expect(malformed.body.errors[0].pointer).toBe('/from');
  expect((await svc.as('auditor').post('/v1/simulations').send({})).status).toBe(403);
  expect((await svc.as('policy-staff').get('/v1/simulations/sim_00000000-0000-4000-8000-000000000000')).status).toBe(404);
});
