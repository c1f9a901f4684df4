import { AutoGrants } from '../../src/matching/auto-grants';
import { MatchingJob } from '../../src/matching/job';
import { Submissions } from '../../src/service/submissions';
import { AutoGrantStore } from '../../src/store/auto-grant-store';
import { MatchingStore } from '../../src/store/matching-store';
import { MongoLedgers } from '../../src/store/mongo-ledgers';
import { ProfileStore } from '../../src/store/profile-store';
import { catalogWithVersion } from '../profiles/edited-rules';
import { expectDocumented } from '../support/openapi-responses';
import { useTestService } from '../support/service';
import { uscc } from '../support/fixtures';

/** Grants without application (免申即享): decided by the matching job through the submission path when every fact is verified. */
const svc = useTestService({ today: '2025-06-30' });
const ctx = () => svc().runtime.context;
const KEY = '320500/tech-insurance-premium-subsidy';
const ASOF = '2025-06-30';

const firm = (n: number) => ({ uscc: uscc(9300 + n, '320505'), name: `苏州免申测试企业${n}`, jurisdiction: '320505' });
const company = { independentLegalPerson: true };
const insurer = { insuranceYear: 2024, premiumCategory1Paid: '200000', seriousDishonestyInLast3Years: false };
const lines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n');

function autoGrantJob() {
  const catalog = catalogWithVersion(ctx().registry, KEY, '2019-09-01', (v) => {
    v.autoGrant = true;
  });
  const models = ctx().models;
  const submissions = new Submissions(ctx().repositories, catalog, new MongoLedgers(models), () => ASOF);
  submissions.profiles = ctx().profiles;
  const grants = new AutoGrants(new AutoGrantStore(models), () => submissions, ctx().repositories, catalog);
  return new MatchingJob(new MatchingStore(models), new ProfileStore(models), catalog, { afterEvaluate: (run, r) => grants.afterEvaluate(run, r) });
}

async function matchOf(job: MatchingJob, usccs: string[], who: string) {
  const run = await job.run({ jurisdiction: '320500', asOf: ASOF, usccs });
  const chunks = await new MatchingStore(ctx().models).chunks(run);
  return chunks.flatMap((c) => c.results).find((r) => r.uscc === who)!.programs.find((m) => m.program === KEY)!;
}

beforeAll(async () => {
  const amr = await ctx().profiles.importBatch('SZ-AMR', '2024-12', lines([1, 2, 3, 4].map((n) => ({ beneficiary: firm(n), validFor: '2024-12-31', facts: company }))));
  expect(amr.imported).toBe(4);
  await ctx().profiles.importBatch('SZ-INSURERS', '2024', lines([1, 3, 4].map((n) => ({ beneficiary: firm(n), validFor: '2025-01-31', facts: insurer }))));
  // firm 2's dishonesty record is only its own declaration, collected with its premiums
  const { seriousDishonestyInLast3Years, ...premiums } = insurer;
  await ctx().profiles.importBatch('SZ-INSURERS', '2024b', lines([{ beneficiary: firm(2), validFor: '2025-01-31', facts: premiums }]));
  await ctx().profiles.importBatch('SZ-PORTAL', 'declarations', lines([{ beneficiary: firm(2), validFor: '2025-01-31', facts: { seriousDishonestyInLast3Years } }]), undefined, { selfDeclared: true });
});

it('grants without application when every fact is verified: the same decision, ledgers and explanation as a submission, naming the sources', async () => {
  const job = autoGrantJob();
  const match = await matchOf(job, [firm(1).uscc], firm(1).uscc);
  expect(match.outcome).toBe('approved');
  expect(match.autoGrant).toMatchObject({ outcome: 'approved', amount: '100000.00', held: false });
  const decision = await svc().as('auditor').get(`/v1/decisions/${match.autoGrant!.decisionId}`);
  expect(decision.status).toBe(200);
  expect(decision.body).toMatchObject({ program: KEY, beneficiaryUscc: firm(1).uscc, outcome: 'approved', amount: '100000.00' });
  const facts = decision.body.explanation.provenance.facts as { fact: string; origin: string; source: string; batch: string }[];
  expect(facts.map((f) => [f.fact, f.origin, f.source, f.batch])).toEqual([
    ['independentLegalPerson', 'verified', 'SZ-AMR', '2024-12'],
    ['insuranceYear', 'verified', 'SZ-INSURERS', '2024'],
    ['premiumCategory1Paid', 'verified', 'SZ-INSURERS', '2024'],
    ['seriousDishonestyInLast3Years', 'verified', 'SZ-INSURERS', '2024'],
  ]);
  // the cap ledger holds it like any decision: a second grant for the same insurance year is the same claim
  const entries = await ctx().models.ledgerEntries.countDocuments({ holder: match.autoGrant!.decisionId });
  expect(entries).toBeGreaterThan(0);
  // idempotent: matching the enterprise again (another scope) replays the same decision
  const again = await matchOf(job, [firm(1).uscc, firm(3).uscc], firm(1).uscc);
  expect(again.autoGrant!.decisionId).toBe(match.autoGrant!.decisionId);
  expect(await ctx().models.decisions.countDocuments({ beneficiaryUscc: firm(1).uscc })).toBe(1);
});

it('makes no decision when one fact the program reads is only self-declared', async () => {
  const match = await matchOf(autoGrantJob(), [firm(2).uscc], firm(2).uscc);
  expect(match.outcome).toBe('approved'); // it qualifies: an applicant may still apply
  expect(match.autoGrant).toBeUndefined();
  expect(await ctx().models.decisions.countDocuments({ beneficiaryUscc: firm(2).uscc })).toBe(0);
  const profile = await svc().as('admin').get(`/v1/profiles/${firm(2).uscc}`);
  expect(profile.body.origins.seriousDishonestyInLast3Years).toMatchObject({ source: 'SZ-PORTAL', selfDeclared: true });
});

it('holds grants for review when policy staff say so, and decides one when approved', async () => {
  const set = await svc().as('policy-staff').put(`/v1/auto-grant-settings/${KEY}`).send({ holdForReview: true });
  expect(set.status).toBe(200);
  expectDocumented(ctx().registry, ctx().openapi, 'PUT', '/v1/auto-grant-settings/{jurisdiction}/{name}', set);
  const match = await matchOf(autoGrantJob(), [firm(4).uscc], firm(4).uscc);
  expect(match.autoGrant).toMatchObject({ decisionId: null, held: true });
  expect(await ctx().models.decisions.countDocuments({ beneficiaryUscc: firm(4).uscc })).toBe(0);

  const list = await svc().as('policy-staff').get('/v1/auto-grant-proposals');
  expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/auto-grant-proposals', list);
  const proposal = list.body.proposals.find((p: { beneficiary: { uscc: string } }) => p.beneficiary.uscc === firm(4).uscc);
  expect(proposal).toMatchObject({ id: match.autoGrant!.proposalId, program: KEY, estimatedAmount: '100000.00', decisionId: null });
  expect((await svc().as('auditor').post(`/v1/auto-grant-proposals/${proposal.id}/approval`)).status).toBe(403);
  const approved = await svc().as('policy-staff').post(`/v1/auto-grant-proposals/${proposal.id}/approval`);
  expect(approved.status).toBe(200);
  expectDocumented(ctx().registry, ctx().openapi, 'POST', '/v1/auto-grant-proposals/{id}/approval', approved);
  expect(approved.body.decision).toMatchObject({ outcome: 'approved', amount: '100000.00' });
  const twice = await svc().as('policy-staff').post(`/v1/auto-grant-proposals/${proposal.id}/approval`);
  expect(twice.body.decision.id).toBe(approved.body.decision.id);
  expect((await svc().as('policy-staff').get('/v1/auto-grant-proposals')).body.proposals.find((p: { id: string }) => p.id === proposal.id).decisionId).toBe(approved.body.decision.id);
  await svc().as('policy-staff').put(`/v1/auto-grant-settings/${KEY}`).send({ holdForReview: false });
});
