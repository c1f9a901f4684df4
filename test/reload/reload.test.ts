import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES_DIR } from '../../src/paths';
import { versionContentHash } from '../../src/rules/content-hash';
import { MongoRuleLoadEvents } from '../../src/store/rule-load-events';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';

jest.setTimeout(180000);

const PROGRAM = '440112/vc-settlement-reward';
const application = (n: number) => ({
  program: PROGRAM,
  beneficiary: { uscc: uscc(n, '440112'), name: `黄埔创投${n}`, jurisdiction: '440112' },
  facts: { vcForm: 'partnership', paidInCapital: '250000000', cumulativeDistrictInvestment: '350000000' },
});

let dir: string;
let svc: TestService;
let file: string;
let original: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reload-rules-'));
  cpSync(RULES_DIR, dir, { recursive: true });
  file = join(dir, '440112', 'vc-settlement-reward', 'pack.json');
  original = readFileSync(file, 'utf8');
  svc = await startTestService('2025-03-15', { rulesDir: dir });
});
afterAll(async () => {
  await svc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const events = () => new MongoRuleLoadEvents(svc.runtime.database.connection).latest();

it('reloads edited rule files without a restart: new applications get the new version, stored decisions keep and replay the old one', async () => {
  const before = await svc.as('applicant').post('/v1/applications').send(application(1));
  expect(before.status).toBe(201);
  expect(before.body.decision.explanation.version.version).toBe('2020-06-01');
  expect(before.body.decision.amount).toBe('20000000.00');
  const oldSubmissions = svc.runtime.context.submissions;

  // a broken edit: the published version changed in place. Refused; the old set keeps serving.
  const broken = JSON.parse(original);
  broken.versions[0].parameters.partnershipLifetimeCap.value = '25000000';
  writeFileSync(file, JSON.stringify(broken, null, 2));
  const refused = await svc.as('admin').post('/v1/rule-reloads');
  expect(refused.status).toBe(200);
  expect(refused.body.outcome).toBe('refused');
  expect(refused.body.event.errors).toEqual([
    expect.objectContaining({ file: expect.stringContaining('440112/vc-settlement-reward/pack.json'), pointer: '/versions/0/contentHash', en: expect.stringContaining('content changed'), zh: expect.stringContaining('已发布版本在发布后被修改') }),
  ]);
  expect(svc.runtime.context.submissions).toBe(oldSubmissions);
  const still = await svc.as('applicant').post('/v1/applications').send(application(2));
  expect(still.body.decision.amount).toBe('20000000.00');

  // the right way: a new published version from 2025-01-01 with a higher lifetime ceiling
  const pack = JSON.parse(original);
  const next = { ...structuredClone(pack.versions[0]), version: '2025-01-01', effectiveFrom: '2025-01-01' };
  delete next.contentHash;
  next.parameters.partnershipLifetimeCap.value = '25000000';
  next.contentHash = versionContentHash(next);
  pack.versions.push(next);
  writeFileSync(file, JSON.stringify(pack, null, 2));
  const reloaded = await svc.as('admin').post('/v1/rule-reloads');
  expect(reloaded.body.outcome).toBe('reloaded');
  expect(reloaded.body.event.appeared).toEqual([expect.objectContaining({ program: PROGRAM, version: '2025-01-01', status: 'published', contentHash: next.contentHash, ruleHash: expect.stringMatching(/^sha256:/) })]);
  expect(reloaded.body.event.changed).toEqual([]);
  expect(reloaded.body.event.removed).toEqual([]);

  const after = await svc.as('applicant').post('/v1/applications').send(application(3));
  expect(after.status).toBe(201);
  expect(after.body.decision.explanation.version.version).toBe('2025-01-01');
  expect(after.body.decision.amount).toBe('21000000.00');
  expect(after.body.decision.outcome).toBe('approved');

  // the decision made before reads and replays against the version it was made with
  const read = await svc.as('auditor').get(`/v1/decisions/${before.body.decision.id}`);
  expect(read.body.explanation.version.version).toBe('2020-06-01');
  expect(read.body.amount).toBe('20000000.00');
  const replay = await svc.as('auditor').post(`/v1/decisions/${before.body.decision.id}/reproduction`);
  expect(replay.status).toBe(200);
  expect(replay.body.identical).toBe(true);
  expect(replay.body.explanation.version.version).toBe('2020-06-01');

  // a request that started before the reload finishes on the set it started with: never a mix
  const inFlight = await oldSubmissions.submit(application(4), 'test-in-flight');
  expect(inFlight.body.decision.explanation).toMatchObject({ version: { version: '2020-06-01' } });
  expect(inFlight.body.decision.amount).toBe('20000000.00');

  // every load, reload and refused reload is an event: who triggered it and what appeared
  const recorded = await events();
  expect(recorded.map((e) => e.kind)).toEqual(['reload', 'refused-reload', 'load']);
  expect(recorded[0]!.trigger).toEqual({ by: 'admin-request', apiKeyId: expect.any(String) });
  expect(recorded[0]!.appeared.map((v) => `${v.program}@${v.version}`)).toEqual([`${PROGRAM}@2025-01-01`]);
  expect(recorded[1]!.errors[0]!.pointer).toBe('/versions/0/contentHash');
  expect(recorded[2]!.trigger).toEqual({ by: 'start' });
  expect(recorded[2]!.appeared.length).toBe(17);
});

it('lets only administrators of every jurisdiction reload', async () => {
  expect((await svc.as('policy-staff').post('/v1/rule-reloads')).status).toBe(403);
  const scoped = await svc.as('admin').post('/v1/api-keys').send({ name: 'suzhou admin', role: 'admin', jurisdictions: ['320500'] });
  const res = await (await import('supertest')).default(svc.app).post('/v1/rule-reloads').set('Authorization', `Bearer ${scoped.body.token}`);
  expect(res.status).toBe(403);
  expect(res.body.detail).toContain('administrator of all jurisdictions');
});

it('reaches statistics and risk warnings: budgets are read under the version a reload puts in force', async () => {
  const LIS = '320500/loan-interest-subsidy';
  const lisFile = join(dir, '320500', 'loan-interest-subsidy', 'pack.json');
  const lisOriginal = readFileSync(lisFile, 'utf8');
  const budget2024 = async () => {
    const res = await svc.as('auditor').get('/v1/statistics?jurisdiction=320500&from=2024-01-01&to=2025-12-31');
    expect(res.status).toBe(200);
    return (res.body.budgets as { program: string; cap: string; period: string; limitFen: number; usedFen: number }[]).find((b) => b.program === LIS && b.cap === 'annualBudget' && b.period === '2024')!;
  };
  const paid = await svc.as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(77, '320571') } }));
  expect(paid.body.decision.outcome).toBe('approved');
  const before = await budget2024();
  expect(before.limitFen).toBe(5_000_000_000);
  expect(before.usedFen).toBeGreaterThan(0);
  const warnings = svc.runtime.context.warnings;
  expect((await warnings.evaluateAll()).filter((w) => w.program === LIS && w.kind === 'budget-use')).toEqual([]);

  // the 2024 budget is cut to what is already used, by a version from 2024-01-01: statistics and
  // the budget warning follow at once, read by the same services under the catalog in force
  const pack = JSON.parse(lisOriginal);
  const next = { ...structuredClone(pack.versions.at(-1)), version: '2024-01-01', effectiveFrom: '2024-01-01' };
  delete next.contentHash;
  next.parameters.annualBudget.value = (before.usedFen / 100).toFixed(2);
  next.contentHash = versionContentHash(next);
  pack.versions.push(next);
  writeFileSync(lisFile, JSON.stringify(pack, null, 2));
  try {
    expect((await svc.as('admin').post('/v1/rule-reloads')).body.outcome).toBe('reloaded');
    expect(await budget2024()).toMatchObject({ limitFen: before.usedFen, usedFen: before.usedFen, leftFen: 0 });
    expect(svc.runtime.context.warnings).toBe(warnings);
    const raised = (await warnings.evaluateAll()).filter((w) => w.program === LIS && w.kind === 'budget-use');
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.map((w) => (w.subject as { ledger: string }).ledger)).toEqual(raised.map(() => expect.stringContaining('annualBudget|2024')));
  } finally {
    writeFileSync(lisFile, lisOriginal);
  }
});
